/**
 * The selection every page reads (commodity, date, scenarios, capabilities, the records) and the
 * pages there are. The shell (`app.tsx`) provides it; pages read it with `useSelection`, so no
 * page imports the shell that loads it.
 */
import { createContext, useContext } from "react";
import type { Scenario } from "../engine/scenario/index.js";
import type { Dataset } from "../model/dataset.js";
import type { Capabilities } from "./api.js";

export const PAGES = [
  { id: "overview", label: "Overview" },
  { id: "trends", label: "Over time" },
  { id: "map", label: "Map" },
  { id: "graph", label: "Ownership graph" },
  { id: "flows", label: "Flows" },
  { id: "deals", label: "Deals" },
  { id: "scenarios", label: "Scenario lab" },
  { id: "stockpile", label: "Stockpile" },
] as const;
export type PageId = (typeof PAGES)[number]["id"];

export interface Snapshot {
  dataset: string;
  asOf: string;
  knownAt: string | null;
  /** The stockpile measured when none is named (the API's default; null: none). */
  defaultStockpile: string | null;
  records: Dataset;
}

/** A scenario the lab can run: a shipped one (with its id) or one composed in the page. */
export interface NamedScenario {
  key: string;
  shippedId: string | null;
  scenario: Scenario;
}

export interface ScenarioList {
  items: { id: string; name: string; description: string | null; scenario: Scenario }[];
}

/** The period a page's figures are read for, as the control report resolved it. */
export interface PagePeriod {
  period: string;
  /** How it was chosen (requested, latest-actual, latest-estimate, no-figure…). */
  how: string;
  /** What to show beside the figures when they are not reported output for that period. */
  label: string | null;
}

export interface Selection {
  commodity: string;
  asOf: string;
  /** The period the user chose; undefined: the latest with figures. */
  requestedPeriod: string | undefined;
  /** The period every figure on the page is read for (undefined until the API has said). */
  period: PagePeriod | undefined;
  /** The control report's query: commodity, date and the period asked for (if any). */
  controlQuery: Record<string, string | undefined>;
  /**
   * The query every other commodity report of the page takes: commodity, date and the period in
   * force, so all its figures come from the same period and date; null until it is known.
   */
  reportQuery: Record<string, string | undefined> | null;
  /** The scenario chosen (shipped id, or composed:NAME), kept in the address. */
  scenario: string | undefined;
  /** Chooses a scenario (and, with `page`, opens that page with it). */
  setScenario: (key: string | undefined, page?: PageId) => void;
  /** The shipped scenarios (by id) and those composed in the lab; the selected one's deltas show on the overview. */
  scenarios: NamedScenario[];
  composed: Scenario[];
  setComposed: (s: Scenario[]) => void;
  capabilities: Capabilities;
  /** The visitor's role (public: no token), once the API has said. */
  role: "public" | "viewer" | "analyst" | "admin" | undefined;
  snapshot: Snapshot | undefined;
  /** Names of the records (entities, assets, route nodes, deals) by id, to put words to ids. */
  names: ReadonlyMap<string, string>;
  /** Hover text naming sources (with titles) and the as-of date of a figure. */
  provenance: (sources: readonly string[], what?: string) => string;
  /** Go to a page, optionally with a focus (an entity id for the graph) and page extras. */
  go: (page: PageId, focus?: string, extra?: Record<string, string>) => void;
  /** The address of a page with the rest of the view kept (for links). */
  href: (page: PageId, focus?: string, extra?: Record<string, string>) => string;
  focus: string | undefined;
  /** Page-specific values kept in the address (the graph's path target and filters). */
  extra: Record<string, string>;
  setExtra: (extra: Record<string, string>, replace?: boolean) => void;
}

export const SelectionContext = createContext<Selection | null>(null);

export function useSelection(): Selection {
  const s = useContext(SelectionContext);
  if (!s) throw new Error("useSelection outside the app");
  return s;
}
