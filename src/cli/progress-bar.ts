/**
 * A one-line progress bar on a terminal's stderr; nothing at all when stderr is not a
 * terminal (pipes, CI, tests), so output stays clean.
 */
export type OnProgress = (done: number, total: number) => void;

/** A progress callback drawing `label [####----] 42% 420,000/1,000,000`, or undefined off a TTY. */
export function progressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): OnProgress | undefined {
  if (!stream.isTTY) return undefined;
  const width = 30;
  let last = -1;
  return (done, total) => {
    const frac = total === 0 ? 1 : Math.min(1, done / total);
    const pct = Math.floor(frac * 100);
    if (pct === last && done !== total) return;
    last = pct;
    const filled = Math.round(frac * width);
    stream.write(
      `\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(pct).padStart(3)}% ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")}`,
    );
    if (done >= total) stream.write("\n");
  };
}

/** `{ onProgress }` for an options object on a terminal, `{}` elsewhere. */
export function progressOption(label: string): { onProgress?: OnProgress } {
  const onProgress = progressBar(label);
  return onProgress ? { onProgress } : {};
}
