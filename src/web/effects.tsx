/**
 * What a change does to the figures: one evaluation, made the same way wherever it is shown (the
 * Deals page, the Overview's selected scenario, the Scenario lab's comparison). Each scenario is
 * evaluated on the page's date and period against the world without it on that date and period
 * (POST /api/scenarios/compare), so the same deal shows the same numbers on every page; the
 * answer is kept per request, so the second page asks nothing.
 */
import { type ReactNode, useEffect, useState } from "react";
import type { Comparison, Scenario } from "../engine/scenario/index.js";
import { type ApiProblem, postJson } from "./api.js";
import { change, valueIn } from "./format.js";

/** The page's date and period, which every evaluation is read on. */
export interface EvaluationView {
  asOf: string;
  period: string | undefined;
  commodity: string;
}

/** The scenario on the page's date and period (its changes unchanged). */
export function atView(s: Scenario, view: EvaluationView): Scenario {
  const { period: _own, ...rest } = s;
  return {
    ...rest,
    baseDate: view.asOf as Scenario["baseDate"],
    ...(view.period ? { period: view.period as NonNullable<Scenario["period"]> } : {}),
    // The page's figures are the records for its period: nothing carried into it.
    carryForward: false,
  };
}

/** The world without changes on the page's date and period: what every change is compared with. */
export function baseAt(view: EvaluationView): Scenario {
  return atView(
    {
      name: "Without the change",
      baseDate: view.asOf as Scenario["baseDate"],
      carryForward: false,
      sources: [],
      changes: [],
    },
    view,
  );
}

/** A deal closing on the page's date, as a scenario. */
export function dealScenario(deal: { id: string; name: string }, view: EvaluationView): Scenario {
  return atView(
    {
      name: `${deal.name} closes`,
      baseDate: view.asOf as Scenario["baseDate"],
      carryForward: false,
      sources: [],
      changes: [{ kind: "deal-closes", deal: deal.id } as Scenario["changes"][number]],
    },
    view,
  );
}

/** The one request: the base and each scenario on the page's date and period. */
export function comparisonBody(scenarios: Scenario[], view: EvaluationView): unknown {
  return {
    scenarios: [baseAt(view), ...scenarios.map((s) => atView(s, view))],
    commodities: [view.commodity],
    ...(view.period ? { period: view.period } : {}),
  };
}

const kept = new Map<string, Promise<Comparison>>();

/** Compares the scenarios with the base on the view (each distinct request asked once). */
export function compareAtView(scenarios: Scenario[], view: EvaluationView): Promise<Comparison> {
  const body = comparisonBody(scenarios, view);
  const key = JSON.stringify(body);
  let p = kept.get(key);
  if (!p) {
    p = postJson<Comparison>("/api/scenarios/compare", body);
    p.catch(() => kept.delete(key));
    kept.set(key, p);
  }
  return p;
}

export interface Evaluated {
  data?: Comparison;
  error?: ApiProblem;
  loading: boolean;
}

/** The comparison of `scenario` (undefined: nothing) with the base on the view. */
export function useEffects(scenario: Scenario | undefined, view: EvaluationView): Evaluated {
  const [state, setState] = useState<Evaluated>({ loading: false });
  const key = scenario ? JSON.stringify(comparisonBody([scenario], view)) : "";
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the scenario and the view
  useEffect(() => {
    if (!scenario) {
      setState({ loading: false });
      return;
    }
    let live = true;
    setState({ loading: true });
    compareAtView([scenario], view).then(
      (data) => live && setState({ data, loading: false }),
      (error: ApiProblem) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return state;
}

/** How many changes a page lists: the same everywhere, so the pages agree line by line. */
export const SHOWN_CHANGES = 8;

/** Record ids in a text replaced by their names ("mutanda → orion-cmc" → "Mutanda → Orion CMC"). */
export function withNames(text: string, names: ReadonlyMap<string, string>): string {
  return text.replace(/[a-z0-9][a-z0-9._-]*[a-z0-9]/g, (id) => names.get(id) ?? id);
}

/** The largest changes of a comparison's last scenario, each with why on hover. */
export function Deltas({
  cmp,
  testId,
  names,
}: {
  cmp: Comparison;
  testId: string;
  names?: ReadonlyMap<string, string>;
}): ReactNode {
  // Changes dated where the records read have no figure (an outage in a later quarter): said.
  const idle = cmp.changes[cmp.changes.length - 1]?.changeNothing ?? [];
  const idleNote = idle.length > 0 && (
    <div className="muted" data-testid={`${testId}-idle`}>
      {idle.length === 1
        ? "One change is dated where these records have no production figure, so it changes nothing on this date and period:"
        : `${idle.length} changes are dated where these records have no production figure, so they change nothing on this date and period:`}
      <ul>
        {idle.map((t) => (
          <li key={t}>{names ? withNames(t, names) : t}</li>
        ))}
      </ul>
    </div>
  );
  if (cmp.rows.length === 0)
    return (
      <>
        <p data-testid={testId}>No headline figure moves on this date and period.</p>
        {idleNote}
      </>
    );
  return (
    <>
      <ul className="deltas" data-testid={testId}>
        {cmp.rows.slice(0, SHOWN_CHANGES).map((r) => {
          const last = r.cells[r.cells.length - 1];
          return (
            <li
              key={r.id}
              title={names ? withNames(last?.explanation ?? "", names) : (last?.explanation ?? "")}
              data-delta={r.id}
            >
              <span>{r.label}</span>{" "}
              <strong data-testid={`${testId}-${r.id}`}>{change(last?.change, r.unit)}</strong>{" "}
              <span className="muted">
                ({valueIn(r.base, r.unit)} → {valueIn(last?.value, r.unit)})
              </span>
            </li>
          );
        })}
      </ul>
      {idleNote}
    </>
  );
}
