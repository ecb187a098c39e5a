import type { ReactNode } from "react";

export function GraphPage(): ReactNode {
  return <p>Coming.</p>;
}
