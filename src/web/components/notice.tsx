/** Messages in place of a figure: loading, a problem from the API, or a route not in this build. */
import type { ReactNode } from "react";
import type { ApiProblem } from "../api.js";
import { plain } from "../format.js";

export function Loading({ what }: { what: string }): ReactNode {
  return (
    <output className="notice" aria-live="polite">
      Loading {what}…
    </output>
  );
}

export function ProblemNotice({ error, what }: { error: ApiProblem; what: string }): ReactNode {
  const signIn = error.status === 401 || error.status === 403;
  const detail = signIn ? "" : plain(error.detail).replace(/\.$/, "");
  return (
    <p className="notice problem" role="alert" data-testid="problem">
      Could not load {what}
      {signIn
        ? ": it needs a token with more rights. Sign in with one at the top of the page."
        : `: ${error.status === 0 ? "the server did not answer" : error.title}${detail ? ` — ${detail}` : ""}.`}
    </p>
  );
}

/** The server documents this route as planned (no 2xx answer): nothing to show yet. */
export function NotInBuild({ route, what }: { route: string; what: string }): ReactNode {
  return (
    <output className="notice planned" data-testid="not-in-build" title={route}>
      {what}: this server does not offer it yet. The page fills in as soon as it does; nothing here
      is estimated in the browser.
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
