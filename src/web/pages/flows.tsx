import type { ReactNode } from "react";

export function FlowsPage(): ReactNode {
  return <p>Coming.</p>;
}
