import type { ReactNode } from "react";

export function DealsPage(): ReactNode {
  return <p>Coming.</p>;
}
