/** `orebook report control`: country and company shares of a commodity, with HHI. */
import type { Command } from "commander";
import { controlReport } from "../../app/world-reports.js";
import type { AssetRow, ControlReport, CountryRow } from "../../engine/ownership/index.js";
import {
  type DeFactoPlacement,
  type PartialHold,
  placementText,
} from "../../engine/ownership/index.js";
import { COMMODITIES } from "../../model/commodity.js";
import { OrebookError } from "../../model/errors.js";
import { worldSourceFromOptions } from "../context.js";
import { coverageLines, headText, staleInputsLines } from "../coverage-text.js";
import { type Column, csvFrom, formatFrom, pct, tableFrom, tonnesText } from "../format.js";
import { writeJson } from "../json-out.js";
import {
  commodityOption,
  emit,
  numberOption,
  shareOptionsFrom,
  withShareOptions,
  withWorldOptions,
} from "../options.js";
import { registerFlows } from "./report-flows.js";
import { registerRoutes } from "./report-routes.js";

const countryColumns: Column<CountryRow>[] = [
  {
    header: "Country",
    value: (r) => `${r.name}${/^[A-Z]{2}$/.test(r.country) ? ` (${r.country})` : ""}`,
  },
  { header: "Location", value: (r) => pct(r.locationShare), align: "right" },
  {
    header: "Attributable",
    value: (r) =>
      r.attributableMax - r.attributableMin > 5e-4
        ? `${pct(r.attributableShare)} [${pct(r.attributableMin)}–${pct(r.attributableMax)}]`
        : pct(r.attributableShare),
    align: "right",
  },
  {
    header: "Consolidated",
    value: (r) => withJoint(r.consolidatedShare, r.consolidatedJointShare),
    align: "right",
  },
  {
    header: "De facto",
    value: (r) => withJoint(r.deFactoShare, r.deFactoJointShare),
    align: "right",
  },
  { header: "Attributable t", value: (r) => tonnesText(r.attributableTonnes), align: "right" },
];

/** "13.6% (joint 13.6%)": the part held jointly with another controller, marked. */
function withJoint(share: number, joint: number): string {
  return joint > 5e-5 ? `${pct(share)} (joint ${pct(joint)})` : pct(share);
}

/** "Ivanhoe Mines (CA) 50% + Zijin Mining Group (CN) 50%": every ultimate controller. */
export function controllersText(a: AssetRow): string {
  if (a.controllers.length <= 1) return `${a.controllerName} (${a.controllerCountry})`;
  return a.controllers.map((c) => `${c.name} (${c.country}) ${pct(c.share)}`).join(" + ");
}

/** "joint (ctrl-kamoa-holding-joint)", "majority", "agreement (ctrl-…)", "none". */
export function controlBasisText(a: AssetRow): string {
  if (a.controlBasis === null) return "none";
  const records = [
    ...new Set(
      a.controlSteps.filter((s) => s.basis === a.controlBasis && s.record).map((s) => s.record),
    ),
  ];
  return records.length > 0 ? `${a.controlBasis} (${records.join(", ")})` : a.controlBasis;
}

const assetCsvColumns: Column<AssetRow>[] = [
  { header: "id", value: (a) => a.id },
  { header: "name", value: (a) => a.name },
  { header: "country", value: (a) => a.country },
  { header: "tonnes", value: (a) => a.tonnes },
  { header: "basis", value: (a) => a.basis },
  { header: "controlBasis", value: (a) => a.controlBasis ?? "none" },
  {
    header: "controlRecords",
    value: (a) =>
      [...new Set(a.controlSteps.flatMap((s) => (s.record ? [s.record] : [])))].join(";"),
  },
  { header: "controllers", value: (a) => a.controllers.map((c) => c.id).join(";") },
  { header: "controllerCountries", value: (a) => a.controllers.map((c) => c.country).join(";") },
  { header: "controllerShares", value: (a) => a.controllers.map((c) => c.share).join(";") },
  { header: "joint", value: (a) => (a.controllers.some((c) => c.joint) ? "yes" : "no") },
  { header: "controlChain", value: (a) => a.controlChain.join(";") },
  { header: "deFacto", value: (a) => a.deFacto },
];

const csvColumns: Column<CountryRow>[] = [
  { header: "country", value: (r) => r.country },
  { header: "name", value: (r) => r.name },
  { header: "locationShare", value: (r) => r.locationShare },
  { header: "attributableShare", value: (r) => r.attributableShare },
  { header: "attributableMin", value: (r) => r.attributableMin },
  { header: "attributableMax", value: (r) => r.attributableMax },
  { header: "consolidatedShare", value: (r) => r.consolidatedShare },
  { header: "deFactoShare", value: (r) => r.deFactoShare },
  { header: "locationTonnes", value: (r) => r.locationTonnes },
  { header: "attributableTonnes", value: (r) => r.attributableTonnes },
  { header: "consolidatedTonnes", value: (r) => r.consolidatedTonnes },
  { header: "deFactoTonnes", value: (r) => r.deFactoTonnes },
  // Added with joint control: the part of each held jointly with another controller.
  { header: "consolidatedJointShare", value: (r) => r.consolidatedJointShare },
  { header: "deFactoJointShare", value: (r) => r.deFactoJointShare },
  { header: "consolidatedJointTonnes", value: (r) => r.consolidatedJointTonnes },
  { header: "deFactoJointTonnes", value: (r) => r.deFactoJointTonnes },
];

/** "named", "Walikale territoire held whole", "inside the Goma boundary": short, for a column. */
function placementBasisText(p: DeFactoPlacement): string {
  if (p.basis === "named") return "named";
  const unit = p.unit ? `${p.unit.name} ${p.unit.level}` : "the held area";
  return p.basis === "admin-unit" ? `${unit} held whole` : `inside the ${unit} boundary`;
}

/** "not placed: Walikale held in part by afc-m23": a gap, not a hold. */
function partlyHeldText(holds: readonly PartialHold[]): string {
  return `not placed: ${holds.map((p) => `${p.unit} held ${p.held === "town" ? "(town)" : "in part"} by ${p.controller}`).join("; ")}`;
}

/** At most this many carried-forward producers are printed; the JSON carries them all. */
const CARRIED_SHOWN = 10;

/** The carried-forward view, a section of its own below the headline (never mixed into it). */
function carriedForwardLines(r: ControlReport): string[] {
  const v = r.carriedForward;
  if (!v) return [];
  const c = v.coverage;
  const out = [
    "",
    `${v.label} (an assumption, not a forecast; the shares above do not use it)`,
    `  with ${v.assets.length} producer${v.assets.length === 1 ? "'s" : "s'"} last published figures carried forward (at most ${v.maxAgeYears} years old, ${tonnesText(v.carriedTonnes)} t): coverage ${pct(c.share)}${c.share !== null && r.coverage.share !== null ? ` (actual figures: ${pct(r.coverage.share)})` : ""}`,
    tableFrom(
      v.byCountry.filter((x) => x.attributableTonnes + x.consolidatedTonnes + x.deFactoTonnes > 0),
      countryColumns.filter((x) => x.header !== "Location"),
    )
      .split("\n")
      .map((l) => `  ${l}`)
      .join("\n"),
  ];
  for (const a of v.assets.slice(0, CARRIED_SHOWN))
    out.push(
      `  ${a.ageYears} yr  ${a.name}: ${tonnesText(a.tonnes)} t, its ${a.period} figure (${a.basis}) [${a.record}]`,
    );
  if (v.assets.length > CARRIED_SHOWN)
    out.push(`  … ${v.assets.length - CARRIED_SHOWN} more (--format json lists them all)`);
  return out;
}

/** Companies and assets listed by default, the largest of each (`--all` lists every one). */
export const LISTED_ROWS = 1000;

/**
 * The report as printed: at most `rows` companies and assets, the largest of each (both are
 * sorted largest first), with `listed` and a note saying how many there are; the shares, the
 * HHI and the notes count every one. At scale (a register of a million entities) the full lists
 * are hundreds of megabytes: `--all` prints them, `--format csv --table assets` lists every asset.
 * A report the engine made with `listed` has only those rows already.
 */
export function listedRows(r: ControlReport, rows = LISTED_ROWS): ControlReport {
  const cut =
    r.listed ??
    (r.byCompany.length > rows || r.assets.length > rows
      ? { rows, companies: r.byCompany.length, assets: r.assets.length }
      : undefined);
  if (cut === undefined) return r;
  const n = (x: number) => x.toLocaleString("en-US");
  const { listed: _listed, ...rest } = r;
  return {
    ...rest,
    byCompany: rest.byCompany.slice(0, cut.rows),
    assets: rest.assets.slice(0, cut.rows),
    notes: [
      ...rest.notes,
      `Listed: the ${n(cut.rows)} largest of ${n(cut.companies)} companies and of ${n(cut.assets)} assets; the shares and the HHI count every one (--all lists them all)`,
    ],
    listed: cut,
  };
}

/** The human-readable form of a control report. */
export function controlReportText(r: ControlReport, companies = 12): string {
  const out: string[] = [];
  out.push(`${r.commodity} ${r.period} — ownership and control as of ${r.asOf}${headText(r)}`);
  // The figures are not the ones asked for, or not reported output: say so before any number.
  if (r.periodChoice.label !== null)
    out.push(
      `  ${r.periodChoice.label.toUpperCase().slice(0, 1)}${r.periodChoice.label.slice(1)}.`,
    );
  for (const line of coverageLines(r.coverage, r.coverage.assetsWithFigures)) out.push(`  ${line}`);
  // World statistics: how much of the world's output the assets are.
  for (const ref of r.coverage.reference.filter((x) => x.stage === "mine" && x.country === null)) {
    if (r.totalTonnes <= 0) continue;
    out.push(
      `  reference: world mine production ${ref.year} ${tonnesText(ref.tonnes)} t (${ref.sources.join(", ")}); these assets are ${pct(r.totalTonnes / ref.tonnes)}`,
    );
  }
  if (r.assets.length === 0 && r.byCountry.length === 0) {
    out.push("");
    out.push(`No shares: no ${r.commodity} tonnes are counted for ${r.period}.`);
  } else if (r.assets.length === 0) {
    // A national total without a recorded site's figure: every tonne is in the residual row.
    out.push("");
    out.push(tableFrom(r.byCountry, countryColumns));
    out.push("");
    out.push(
      `No recorded site has a ${r.commodity} figure for ${r.period}: the whole national total is 'not on a recorded asset', with no owner, controller or armed group assigned.`,
    );
  } else {
    out.push("");
    out.push(tableFrom(r.byCountry, countryColumns));
    out.push("");
    out.push(
      `HHI (0–10,000; countries and armed groups only): location ${Math.round(r.hhi.location)}, attributable ${Math.round(r.hhi.attributable)}, consolidated ${Math.round(r.hhi.consolidated)}, de facto ${Math.round(r.hhi.deFacto)}`,
    );
    out.push("");
    out.push(`Companies (top ${companies} by look-through attributable tonnes)`);
    out.push(
      tableFrom(r.byCompany.slice(0, companies), [
        { header: "Company", value: (c) => c.name },
        { header: "Country", value: (c) => c.country ?? "?" },
        {
          header: "Attributable t",
          value: (c) => tonnesText(c.attributableTonnes),
          align: "right",
        },
        { header: "Share", value: (c) => pct(c.attributableShare), align: "right" },
        { header: "Controls t", value: (c) => tonnesText(c.consolidatedTonnes), align: "right" },
      ]),
    );
    out.push("");
    out.push("Assets");
    out.push(
      tableFrom(r.assets, [
        { header: "Asset", value: (a) => a.name },
        { header: "Tonnes", value: (a) => tonnesText(a.tonnes), align: "right" },
        { header: "Basis", value: (a) => (a.joint ? `${a.basis}, joint figure` : a.basis) },
        { header: "Controller", value: controllersText },
        { header: "Control", value: controlBasisText },
        {
          header: "De facto",
          value: (a) =>
            a.deFactoBy
              ? `${a.deFacto} (${a.deFactoBy.territory}, ${placementBasisText(a.deFactoBy)})`
              : a.partlyHeld
                ? partlyHeldText(a.partlyHeld)
                : "",
        },
      ]),
    );
  }
  out.push(...carriedForwardLines(r));
  const missingHeld = r.coverage.missing.some((m) => m.deFactoBy || m.partlyHeld);
  if (r.coverage.missing.length > 0 && !missingHeld) {
    out.push("");
    out.push(
      `Not counted (no figure for ${r.period}): ${r.coverage.missing.map((m) => m.name).join(", ")}`,
    );
  } else if (missingHeld) {
    // Some of the sites not counted stand on held ground: say who holds each.
    out.push("");
    out.push(`Not counted (no figure for ${r.period})`);
    out.push(
      tableFrom(r.coverage.missing, [
        { header: "Asset", value: (m) => m.name },
        { header: "Why", value: (m) => m.reason },
        {
          header: "De facto",
          value: (m) =>
            m.deFactoBy
              ? `armed-group:${m.deFactoBy.controller} (${m.deFactoBy.territory}, ${placementBasisText(m.deFactoBy)})`
              : m.partlyHeld
                ? partlyHeldText(m.partlyHeld)
                : "not held",
        },
      ]),
    );
  }
  const placed = [...r.assets, ...r.coverage.missing].filter((a) => a.deFactoBy);
  if (placed.length > 0) {
    out.push("");
    out.push("De facto control by territory (record, basis, sources)");
    for (const a of placed) {
      const p = a.deFactoBy as NonNullable<typeof a.deFactoBy>;
      out.push(`  ${a.name}: ${placementText(p)}; sources ${p.sources.join(", ")}`);
    }
  }
  const stale = staleInputsLines(r.staleInputs);
  if (stale.length > 0) out.push("", ...stale);
  // The period's label is already the second line, and what the shares are of the first ones.
  const notes = r.notes.filter(
    (n) =>
      n !== r.periodChoice.label &&
      n !== r.coverage.note &&
      !n.startsWith("Shares are of ") &&
      !(r.carriedForward && n.startsWith(r.carriedForward.label)),
  );
  if (notes.length > 0) out.push("");
  for (const n of notes) out.push(`Note: ${n}`);
  return out.join("\n");
}

export function register(program: Command): void {
  const report = program.command("report").description("Reports on ownership, control and flows");
  withShareOptions(
    withWorldOptions(
      report
        .command("control")
        .description(
          "Country and company shares of a commodity's production: location, attributable, consolidated, de facto, with HHI",
        )
        .requiredOption("--commodity <name>", COMMODITIES.join(", "))
        .option(
          "--period <period>",
          "production year (default: the latest year with actual figures, else with estimates or guidance, labelled)",
        )
        .option("--threshold <fraction>", "majority threshold for control (default 0.5)")
        .option(
          "--table <table>",
          "with --format csv: countries (default) or assets (each with its controllers and control basis)",
        )
        .option(
          "--all",
          `list every company and asset (default: the ${LISTED_ROWS.toLocaleString("en-US")} largest of each, the report says how many there are)`,
        ),
    ),
  ).action(async (opts: Record<string, string | undefined>) => {
    const commodity = commodityOption(opts.commodity);
    const format = formatFrom(opts.format);
    const threshold = numberOption("threshold", opts.threshold);
    // commander gives a flag as true. The assets' table lists every asset.
    const all = (opts.all as unknown) === true || (format === "csv" && opts.table === "assets");
    const r = await controlReport(await worldSourceFromOptions(opts), {
      commodity,
      asOf: opts.asOf,
      period: opts.period || undefined,
      threshold,
      ...(all ? {} : { listed: LISTED_ROWS }),
      ...shareOptionsFrom(opts),
    });
    const shown = all ? r : listedRows(r);
    if (format === "json") await writeJson(shown);
    else if (format === "csv") {
      const table = opts.table ?? "countries";
      if (table === "assets") emit(csvFrom(r.assets, assetCsvColumns));
      else if (table === "countries") emit(csvFrom(r.byCountry, csvColumns));
      else
        throw new OrebookError(
          "BAD_INPUT",
          `Unknown table "${table}": expected countries or assets`,
        );
    } else emit(controlReportText(shown));
  });
  registerFlows(report);
  registerRoutes(report);
}
