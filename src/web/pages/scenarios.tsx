import type { ReactNode } from "react";

export function ScenarioPage(): ReactNode {
  return <p>Coming.</p>;
}
