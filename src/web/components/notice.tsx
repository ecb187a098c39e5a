/** Messages in place of a figure: loading, a problem from the API, or a route not in this build. */
import type { ReactNode } from "react";
import type { ApiProblem } from "../api.js";

export function Loading({ what }: { what: string }): ReactNode {
  return (
    <output className="notice" aria-live="polite">
      Loading {what}…
    </output>
  );
}

export function ProblemNotice({ error, what }: { error: ApiProblem; what: string }): ReactNode {
  const hint =
    error.status === 401
      ? " Sign in with an API token (the button at the top; orebook token create --role viewer makes one)."
      : "";
  return (
    <p className="notice problem" role="alert">
      Could not load {what}: {error.title}
      {error.detail ? ` — ${error.detail}` : ""}.{hint}
    </p>
  );
}

/** The server documents this route as planned (no 2xx answer): nothing to show yet. */
export function NotInBuild({ route, what }: { route: string; what: string }): ReactNode {
  return (
    <output className="notice planned" data-testid="not-in-build">
      {what} needs <code>{route}</code>, which this server documents as not implemented yet. The
      page fills in as soon as the API answers it; nothing here is estimated in the browser.
    </output>
  );
}

/**
 * The label a report carries when its figures are not the period asked for or not reported
 * output (estimates, guidance, no figure at all): shown above the figures, never hidden.
 */
export function PeriodLabel({ label }: { label: string | null | undefined }): ReactNode {
  if (!label) return null;
  return (
    <p className="notice period-label" data-testid="period-label">
      {label}.
    </p>
  );
}
