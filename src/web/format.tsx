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
