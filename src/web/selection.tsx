/**
 * The selection every page reads (commodity, date, scenarios, capabilities, the records) and the
 * pages there are. The shell (`app.tsx`) provides it; pages read it with `useSelection`, so no
 * page imports the shell that loads it.
 */
import { createContext, useContext } from "react";
import type { Scenario } from "../engine/scenario-schema.js";
import type { Dataset } from "../model/dataset.js";
import type { Capabilities } from "./api.js";

export const PAGES = [
  { id: "overview", label: "Overview" },
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

export interface Selection {
  commodity: string;
  asOf: string;
  /** The shipped scenarios (by id) and those composed in the lab; the selected one's deltas show on the overview. */
  scenarios: NamedScenario[];
  composed: Scenario[];
  selectedScenario: string | null;
  setComposed: (s: Scenario[]) => void;
  selectScenario: (name: string | null) => void;
  capabilities: Capabilities;
  snapshot: Snapshot | undefined;
  /** Hover text naming sources (with titles) and the as-of date of a figure. */
  provenance: (sources: readonly string[], what?: string) => string;
  /** Go to a page, optionally with a focus (an entity id for the graph). */
  go: (page: PageId, focus?: string) => void;
  focus: string | undefined;
}

export const SelectionContext = createContext<Selection | null>(null);

export function useSelection(): Selection {
  const s = useContext(SelectionContext);
  if (!s) throw new Error("useSelection outside the app");
  return s;
}
