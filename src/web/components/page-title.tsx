/**
 * A page's heading, stating the one period and date every figure on the page is read for (and
 * the scenario, when one applies), with the period's label when the figures are not reported
 * output for it.
 */
import type { ReactNode } from "react";
import { useSelection } from "../selection.js";
import { PeriodLabel } from "./notice.js";

export function PageTitle(props: {
  children: ReactNode;
  /** Whether the page's figures are read for a production period (default true). */
  period?: boolean;
  /** The commodity in the heading (default the selection's; false: none). */
  commodity?: boolean;
  /** Said after the date, e.g. the scenario applied. */
  under?: string | undefined;
}): ReactNode {
  const { commodity, asOf, period } = useSelection();
  const withPeriod = props.period !== false;
  return (
    <>
      <h1>
        {props.children}
        <span className="h1-when" data-testid="page-when">
          {" — "}
          {props.commodity !== false && `${commodity}, `}
          {withPeriod && (
            <span data-testid="page-period">{period ? period.period : "period loading"}</span>
          )}
          {withPeriod ? ", " : ""}as of {asOf}
          {props.under ? `, under “${props.under}”` : ""}
        </span>
      </h1>
      {withPeriod && <PeriodLabel label={period?.label} />}
    </>
  );
}
