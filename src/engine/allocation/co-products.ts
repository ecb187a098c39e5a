/**
 * Co-products: metals recovered with a host metal (cobalt with copper from copper-cobalt ore;
 * germanium and gallium with zinc at Kipushi). A co-product's tonnes follow its host's, at
 * the ratio the asset's own sourced production gives for the same period; no ratio is assumed.
 */
import type { Commodity } from "../../model/commodity.js";
import type { World } from "../../model/world.js";
import { productionFor } from "../common/index.js";

/** The host metal each co-product is mined with. */
export const CO_PRODUCT_HOSTS: Readonly<Partial<Record<Commodity, Commodity>>> = {
  cobalt: "copper",
  germanium: "zinc",
  gallium: "zinc",
};

export interface CoProductRatio {
  asset: string;
  host: Commodity;
  coProduct: Commodity;
  period: string;
  /** Co-product tonnes per host tonne, or null when either figure is unknown. */
  ratio: number | null;
  hostTonnes: number | null;
  coProductTonnes: number | null;
  /** Always "derived": arithmetic on the two production figures. */
  basis: "derived";
  records: string[];
  note: string | null;
}

/**
 * The co-product-to-host ratio at one asset in one period, from its sourced production.
 *
 * @example coProductRatioFor(world, "kamoto", "cobalt", "2025") // 22,900 / 188,700 ≈ 0.121
 */
export function coProductRatioFor(
  world: World,
  asset: string,
  coProduct: Commodity,
  period: string,
): CoProductRatio {
  const host = CO_PRODUCT_HOSTS[coProduct];
  if (!host)
    return {
      asset,
      host: coProduct,
      coProduct,
      period,
      ratio: null,
      hostTonnes: null,
      coProductTonnes: null,
      basis: "derived",
      records: [],
      note: `${coProduct} is not a co-product Orebook knows a host for`,
    };
  const h = productionFor(world, asset, host, period);
  const c = productionFor(world, asset, coProduct, period);
  const known = h.tonnes !== null && c.tonnes !== null && h.tonnes > 0;
  return {
    asset,
    host,
    coProduct,
    period,
    ratio: known ? (c.tonnes ?? 0) / (h.tonnes ?? 1) : null,
    hostTonnes: h.tonnes,
    coProductTonnes: c.tonnes,
    basis: "derived",
    records: [...h.records, ...c.records],
    note: known
      ? `Derived: ${coProduct} ÷ ${host} production at ${asset} in ${period}`
      : `No ${coProduct}/${host} ratio for ${asset} in ${period}: ${[h.tonnes === null || h.tonnes === 0 ? `${host} production unknown` : null, c.tonnes === null ? `${coProduct} production unknown` : null].filter(Boolean).join(", ")}`,
  };
}
