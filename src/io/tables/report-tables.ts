/**
 * The control report (`controlReportFor`) as tables for CSV and XLSX: countries, companies
 * and assets, with fractions as fractions (0–1) and tonnes unrounded.
 *
 * @example
 * writeTablesCsv("out", tablesFromControlReport(report));
 */
import type { ControlReport } from "../../engine/control-report.js";
import type { Table } from "./write-tables.js";

/** Three tables: `countries`, `companies`, `assets`. */
export function tablesFromControlReport(r: ControlReport): Table[] {
  const meta = [r.commodity, r.period, r.asOf] as const;
  return [
    {
      name: "countries",
      columns: [
        "commodity",
        "period",
        "asOf",
        "country",
        "name",
        "locationShare",
        "attributableShare",
        "attributableMin",
        "attributableMax",
        "consolidatedShare",
        "deFactoShare",
        "locationTonnes",
        "attributableTonnes",
        "consolidatedTonnes",
        "deFactoTonnes",
      ],
      rows: r.byCountry.map((c) => [
        ...meta,
        c.country,
        c.name,
        c.locationShare,
        c.attributableShare,
        c.attributableMin,
        c.attributableMax,
        c.consolidatedShare,
        c.deFactoShare,
        c.locationTonnes,
        c.attributableTonnes,
        c.consolidatedTonnes,
        c.deFactoTonnes,
      ]),
    },
    {
      name: "companies",
      columns: [
        "commodity",
        "period",
        "asOf",
        "id",
        "name",
        "country",
        "kind",
        "attributableTonnes",
        "attributableMin",
        "attributableMax",
        "attributableShare",
        "ultimateTonnes",
        "consolidatedTonnes",
        "consolidatedShare",
      ],
      rows: r.byCompany.map((c) => [
        ...meta,
        c.id,
        c.name,
        c.country,
        c.kind,
        c.attributableTonnes,
        c.attributableMin,
        c.attributableMax,
        c.attributableShare,
        c.ultimateTonnes,
        c.consolidatedTonnes,
        c.consolidatedShare,
      ]),
    },
    {
      name: "assets",
      columns: [
        "commodity",
        "period",
        "asOf",
        "id",
        "name",
        "country",
        "tonnes",
        "basis",
        "periods",
        "controller",
        "controllerName",
        "controllerCountry",
        "controlChain",
        "deFacto",
        "sources",
      ],
      rows: r.assets.map((a) => [
        ...meta,
        a.id,
        a.name,
        a.country,
        a.tonnes,
        a.basis,
        a.periods.join(";"),
        a.controller,
        a.controllerName,
        a.controllerCountry,
        a.controlChain.join(";"),
        a.deFacto,
        a.sources.join(";"),
      ]),
    },
  ];
}
