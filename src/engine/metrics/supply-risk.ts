/**
 * Supply risk after the EU criticality method (European Commission, *Methodology for
 * establishing the EU list of critical raw materials: guidelines*, 2017):
 *
 *     SR = [HHI_WGI,t(GS) · IR/2 + HHI_WGI,t(sourcing) · (1 − IR/2)] · (1 − EOL_RIR) · SI_SR
 *     HHI_WGI,t = Σ_c S_c² · WGI_c · t_c
 *
 * with S_c the country's share (fraction) of global supply (GS) or of the importer's sourcing,
 * WGI_c the World Governance Indicators rescaled to 0–10 (10 = weakest governance), t_c the
 * trade-restriction factor (1 = none), IR the import reliance, EOL_RIR the end-of-life recycling
 * input rate and SI_SR the substitution index for supply risk. Every input is given, never assumed:
 * a missing one gives `value: null` and names it.
 */

export interface SupplyRiskInputs {
  /** Producing countries' shares of global supply, fractions. */
  globalSupplyShares?: ReadonlyMap<string, number>;
  /** The importer's sourcing shares by country; when absent, global supply stands in (noted). */
  sourcingShares?: ReadonlyMap<string, number>;
  /** WGI rescaled to 0–10, higher is weaker governance. */
  wgiScaled?: ReadonlyMap<string, number>;
  /** Trade-restriction factors t_c ≥ 1; countries not listed count 1. */
  tradeFactors?: ReadonlyMap<string, number>;
  /** Import reliance, 0–1. */
  importReliance?: number | null;
  /** End-of-life recycling input rate, 0–1. */
  eolRir?: number | null;
  /** Substitution index for supply risk, 0–1. */
  substitutionIndex?: number | null;
}

export interface SupplyRisk {
  value: number | null;
  hhiWgiGlobal: number | null;
  hhiWgiSourcing: number | null;
  /** The inputs the figure needs and was not given. */
  missing: string[];
  notes: string[];
}

function _hhiWgi(
  shares: ReadonlyMap<string, number>,
  wgi: ReadonlyMap<string, number>,
  t: ReadonlyMap<string, number> | undefined,
  missing: Set<string>,
): number | null {
  let h = 0;
  for (const [c, s] of shares) {
    const w = wgi.get(c);
    if (w === undefined) {
      missing.add(`WGI (scaled 0–10) for ${c}`);
      continue;
    }
    h += s * s * w * (t?.get(c) ?? 1);
  }
  return missing.size > 0 ? null : h;
}

/**
 * The EU supply-risk score from its inputs, or null with the missing inputs named.
 *
 * @example supplyRiskFrom({ globalSupplyShares, wgiScaled, importReliance: 1, eolRir: 0.22, substitutionIndex: 0.9 })
 */
export function supplyRiskFrom(inputs: SupplyRiskInputs): SupplyRisk {
  const missing = new Set<string>();
  const notes: string[] = [];
  if (!inputs.globalSupplyShares || inputs.globalSupplyShares.size === 0)
    missing.add("Global supply shares by country");
  if (!inputs.wgiScaled) missing.add("WGI (scaled 0–10) by country");
  if (inputs.importReliance === undefined || inputs.importReliance === null)
    missing.add("Import reliance (IR)");
  if (inputs.eolRir === undefined || inputs.eolRir === null)
    missing.add("End-of-life recycling input rate (EOL-RIR)");
  if (inputs.substitutionIndex === undefined || inputs.substitutionIndex === null)
    missing.add("Substitution index (SI_SR)");
  const gs = inputs.globalSupplyShares;
  const wgi = inputs.wgiScaled;
  let hg: number | null = null;
  let hs: number | null = null;
  if (gs && gs.size > 0 && wgi) {
    hg = _hhiWgi(gs, wgi, inputs.tradeFactors, missing);
    if (inputs.sourcingShares)
      hs = _hhiWgi(inputs.sourcingShares, wgi, inputs.tradeFactors, missing);
    else {
      hs = hg;
      notes.push("No sourcing shares given: global supply stands in for sourcing");
    }
  }
  const ir = inputs.importReliance;
  const eol = inputs.eolRir;
  const si = inputs.substitutionIndex;
  const value =
    missing.size === 0 &&
    hg !== null &&
    hs !== null &&
    typeof ir === "number" &&
    typeof eol === "number" &&
    typeof si === "number"
      ? (hg * (ir / 2) + hs * (1 - ir / 2)) * (1 - eol) * si
      : null;
  return { value, hhiWgiGlobal: hg, hhiWgiSourcing: hs, missing: [...missing], notes };
}
