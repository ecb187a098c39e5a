import type { ReactNode } from "react";

export function MapPage(): ReactNode {
  return <p>Coming.</p>;
}
