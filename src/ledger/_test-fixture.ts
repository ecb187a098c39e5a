/** Small and large datasets the ledger tests write; not part of the build. */
import { type Dataset, emptyDataset, RECORD_KINDS, RECORD_SCHEMAS } from "../model/dataset.js";

/** Two sources, three entities, one mine with two stakes, one production figure. */
export function smallDataset(): Dataset {
  const ds = emptyDataset() as unknown as Record<string, unknown[]>;
  ds.sources = [
    {
      id: "src-annual-2024",
      title: "CMOC annual report 2024",
      kind: "primary",
      confidence: "high",
    },
    { id: "src-press-2025", title: "Press report, 2025", kind: "secondary", confidence: "medium" },
  ];
  ds.entities = [
    {
      id: "cmoc",
      name: "CMOC Group",
      kind: "company",
      country: "CN",
      sources: ["src-annual-2024"],
      asOf: "2024-12-31",
    },
    {
      id: "gecamines",
      name: "Gécamines",
      kind: "state-enterprise",
      country: "CD",
      sources: ["src-annual-2024"],
      asOf: "2024-12-31",
    },
    {
      id: "kobold",
      name: "KoBold Metals",
      kind: "company",
      country: "US",
      sources: ["src-press-2025"],
      asOf: "2025-06",
    },
  ];
  ds.assets = [
    {
      id: "tfm",
      name: "Tenke Fungurume",
      kind: "mine",
      country: "CD",
      province: "Lualaba",
      location: { lat: -10.6, lon: 26.2 },
      status: "operating",
      commodities: ["copper", "cobalt"],
      operator: "cmoc",
      sources: ["src-annual-2024"],
      asOf: "2024-12-31",
    },
  ];
  ds.stakes = [
    {
      id: "cmoc-tfm",
      owner: "cmoc",
      owned: "tfm",
      share: 0.8,
      validFrom: "2016-11-17",
      sources: ["src-annual-2024"],
      asOf: "2024-12-31",
    },
    {
      id: "gecamines-tfm",
      owner: "gecamines",
      owned: "tfm",
      share: 0.2,
      kind: "free-carried",
      sources: ["src-annual-2024"],
      asOf: "2024-12-31",
    },
  ];
  ds.production = [
    {
      id: "tfm-cobalt-2024",
      asset: "tfm",
      commodity: "cobalt",
      period: "2024",
      tonnes: 100000,
      basis: "actual",
      sources: ["src-annual-2024"],
      asOf: "2024-12-31",
    },
  ];
  return ds as unknown as Dataset;
}

/** `ds` as the schemas output it (defaults filled), which is what the ledger stores. */
export function parsedDataset(ds: Dataset): Dataset {
  const out = emptyDataset() as unknown as Record<string, unknown[]>;
  for (const k of RECORD_KINDS) out[k] = ds[k].map((r) => RECORD_SCHEMAS[k].parse(r));
  return out as unknown as Dataset;
}

/**
 * `n` companies, each holding 60% of the next and all of one mine, with one production
 * figure per mine: about 4n records that pass every check.
 */
export function largeDataset(n: number): Dataset {
  const ds = emptyDataset();
  const add = (kind: keyof Dataset, r: unknown) => (ds[kind] as unknown[]).push(r);
  const src = ["src-synthetic"];
  const asOf = "2025-01-01";
  add("sources", {
    id: "src-synthetic",
    title: "Synthetic data",
    kind: "derived",
    confidence: "low",
  });
  for (let i = 0; i < n; i++) {
    add("entities", {
      id: `co-${i}`,
      name: `Company ${i}`,
      kind: "company",
      country: "CD",
      sources: src,
      asOf,
    });
    add("assets", {
      id: `mine-${i}`,
      name: `Mine ${i}`,
      kind: "mine",
      country: "CD",
      province: null,
      location: null,
      status: "operating",
      commodities: ["cobalt"],
      sources: src,
      asOf,
    });
    add("stakes", {
      id: `st-${i}`,
      owner: `co-${i}`,
      owned: `mine-${i}`,
      share: 1,
      sources: src,
      asOf,
    });
    if (i > 0)
      add("stakes", {
        id: `ch-${i}`,
        owner: `co-${i - 1}`,
        owned: `co-${i}`,
        share: 0.6,
        sources: src,
        asOf,
      });
    add("production", {
      id: `p-${i}`,
      asset: `mine-${i}`,
      commodity: "cobalt",
      period: "2024",
      tonnes: 10 + i,
      basis: "actual",
      sources: src,
      asOf,
    });
  }
  return ds;
}
