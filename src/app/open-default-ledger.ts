/**
 * Opens the store the options name and, on first start, fills the reference dataset (`drc`)
 * from the repository's `data/drc`. What every reading command calls. It lives in `app`, not in
 * `ledger`: reading the YAML folder is `io`'s, and the ledger does not import `io`.
 */
import { knowledgeTimesOf } from "../engine/common/index.js";
import { loadDatasetDir, REFERENCE_DATA_DIR } from "../io/load-dataset.js";
import { DEFAULT_DATASET_ID, type Ledger, type LoadOptions } from "../ledger/ledger.js";
import { type OpenLedgerOptions, openLedger } from "../ledger/open-ledger.js";
import type { Dataset, RecordKind } from "../model/dataset.js";

export interface DefaultLedgerOptions extends OpenLedgerOptions {
  /** The folder the reference dataset is read from (default the repository's `data/drc`). */
  referenceDir?: string;
  /** Called while the reference dataset is written on first start. */
  onProgress?: LoadOptions["onProgress"];
}

/** The ledger, with `drc` loaded from the reference data when it is empty. */
export async function openDefaultLedger(opts: DefaultLedgerOptions = {}): Promise<Ledger> {
  const ledger = await openLedger(opts);
  try {
    if (await ledger.isEmpty(DEFAULT_DATASET_ID)) {
      const { dataset } = loadDatasetDir(opts.referenceDir ?? REFERENCE_DATA_DIR);
      await ledger.load(DEFAULT_DATASET_ID, dataset, {
        actor: "orebook",
        note: "Reference dataset loaded on first start",
        recordedAtOf: knownFromSources(dataset),
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      });
    }
    return ledger;
  } catch (e) {
    await ledger.close();
    throw e;
  }
}

/**
 * The load option that records each new record as known from its sources' dates (publication,
 * else retrieval; engine/common/knowledge-times.ts), so `--known-at` answers what was public then:
 * used by the first start and `orebook db load`.
 */
export function knownFromSources(
  dataset: Partial<Dataset>,
): (kind: RecordKind, id: string) => string | undefined {
  const times = knowledgeTimesOf(dataset);
  return (kind, id) => times.of(kind, id);
}
