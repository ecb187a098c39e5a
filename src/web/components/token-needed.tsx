/**
 * Work a read-only visitor may not start: the button stays, disabled, and says before any click
 * what is needed (an analyst token), so nobody meets a refusal from the server.
 */
import type { ReactNode } from "react";
import { useSelection } from "../selection.js";

const RANK = { public: 0, viewer: 1, analyst: 2, admin: 3 } as const;

/** Whether the visitor's role reaches `role`. */
export function useMayRun(role: "analyst" | "admin" = "analyst"): boolean {
  const { role: mine } = useSelection();
  return mine !== undefined && RANK[mine] >= RANK[role];
}

export function TokenNeeded({ what, id }: { what: string; id: string }): ReactNode {
  const { role } = useSelection();
  return (
    <p className="notice token-needed" id={id} data-testid="token-needed">
      {what} needs an analyst token
      {role === "viewer" ? " (yours is a viewer's)" : ""}: sign in with one at the top of the page
      (“Sign in with a token”). Every figure can be read without one.
    </p>
  );
}
