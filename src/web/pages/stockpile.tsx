import type { ReactNode } from "react";

export function StockpilePage(): ReactNode {
  return <p>Coming.</p>;
}
