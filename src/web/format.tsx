/** Number formats used on every page: the same text in tables, charts and CSV-free views. */

/** A 0–1 share as a percentage with one decimal, e.g. "26.4 %". */
export function pct(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  return `${(x * 100).toFixed(1)} %`;
}

/** Tonnes rounded to whole tonnes with thousands separators, e.g. "151,049 t". */
export function tonnes(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  return `${Math.round(x).toLocaleString("en-US")} t`;
}

/** An HHI on 0–10,000, rounded, e.g. "6,548". */
export function hhi(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  return Math.round(x).toLocaleString("en-US");
}

/** US dollars in millions or billions, e.g. "$9.0 bn". */
export function usd(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  if (Math.abs(x) >= 1e9) return `$${(x / 1e9).toFixed(1)} bn`;
  if (Math.abs(x) >= 1e6) return `$${(x / 1e6).toFixed(1)} m`;
  return `$${Math.round(x).toLocaleString("en-US")}`;
}

/** A signed change in the unit of a metric. */
export function change(x: number | null | undefined, unit: string): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  const sign = x > 0 ? "+" : x < 0 ? "−" : "±";
  const a = Math.abs(x);
  if (unit === "share") return `${sign}${(a * 100).toFixed(1)} pts`;
  if (unit === "tonnes") return `${sign}${Math.round(a).toLocaleString("en-US")} t`;
  if (unit === "usd") return `${sign}${usd(a)}`;
  return `${sign}${Math.round(a).toLocaleString("en-US")}`;
}

/** A metric's value in its unit. */
export function valueIn(x: number | null | undefined, unit: string): string {
  if (unit === "share") return pct(x);
  if (unit === "tonnes") return tonnes(x);
  if (unit === "hhi") return hhi(x);
  if (unit === "usd") return usd(x);
  if (x === null || x === undefined) return "—";
  return Math.round(x).toLocaleString("en-US");
}

/** A stable colour per country code (or bucket), for maps and graphs. */
const PALETTE: Record<string, string> = {
  CN: "#c0392b",
  US: "#1f5fa8",
  CD: "#2e8b57",
  CH: "#8e44ad",
  GB: "#6c7a89",
  KZ: "#d68910",
  CA: "#b03a6b",
  AE: "#16a085",
  AU: "#7d6608",
  BE: "#5d6d7e",
  ZA: "#a04000",
  JP: "#884ea0",
  JE: "#148f77",
  "no-majority": "#999999",
  unknown: "#bbbbbb",
  "public-float": "#cccccc",
};
const EXTRA = ["#117a65", "#b9770e", "#6c3483", "#1a5276", "#943126", "#7b7d7d", "#196f3d"];

export function colourOf(key: string): string {
  const c = PALETTE[key];
  if (c) return c;
  if (key.startsWith("armed-group")) return "#4a235a";
  let h = 0;
  for (const ch of key) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return EXTRA[h % EXTRA.length] as string;
}

/**
 * The API's notes in an analyst's words: command-line flags and field names (which the API
 * shares with the CLI) become what the page offers instead. Text without them is kept as is.
 */
export function plain(text: string): string {
  return (
    text
      .replace(
        /;\s*give --target (\w+)=…t or --need \w+=…t\/yr/g,
        "; enter a yearly need for $1 on this page",
      )
      .replace(/only with --assume-empty/g, "only if missing holdings are treated as empty")
      .replace(/\(or --assume-empty\)/g, "(or missing holdings treated as empty)")
      .replace(/\s*\(--assume-empty\)/g, "")
      .replace(/assumed empty as asked \(--assume-empty\)/g, "assumed empty as asked")
      .replace(/give one \(--budget\)/g, "enter one on this page")
      .replace(/: name the dataset \(--dataset\) and the id/g, ": choose one of them")
      .replace(/send Authorization: Bearer <token>/g, "sign in with a token")
      .replace(/\s*\(create one with orebook token create[^)]*\)/g, "")
      // Whatever flag is left reads as words: "--assume-empty" → "assume empty".
      .replace(/\s?\(--([a-z][a-z-]*)\)/g, "")
      .replace(/--([a-z][a-z-]*)/g, (_, f: string) => f.replace(/-/g, " "))
  );
}

/** What each Monte Carlo and comparison metric id means, for labels. */
export const METRIC_LABELS: Record<string, string> = {
  usAccessibleTonnes: "Tonnes US buyers can reach",
  chinaConsolidatedShare: "Share under Chinese majority control",
  chinaDeFactoShare: "Share under Chinese de facto control",
  stockpileShortfallTonnes: "US stockpile shortfall (t)",
};

/** A metric id in words: its label, else the id split into words ("usAccessibleTonnes" → "us accessible tonnes"). */
export function metricLabel(id: string): string {
  const known = METRIC_LABELS[id];
  if (known) return known;
  const last = id.split(".").at(-1) ?? id;
  return (
    METRIC_LABELS[last] ??
    last
      .replace(/([a-z])([A-Z])/g, "$1 $2")
      .toLowerCase()
      .replace(/^./, (c) => c.toUpperCase())
  );
}
