/**
 * JSON written as it is made: the text `JSON.stringify(value, null, 2)` would give, in pieces,
 * so that a report of a million rows never becomes one string of hundreds of megabytes (its
 * making, its copy into a buffer and the collection of both cost more than the report).
 * Large arrays are written a batch of rows at a time, plain objects key by key; everything
 * else is `JSON.stringify`'s own text, indented to its depth.
 */

/** Arrays longer than this are written in batches of this many rows. */
const BATCH = 256;
/** Plain objects are opened key by key down to this depth (the report and its sections). */
const OPEN_DEPTH = 2;

const pad = (depth: number): string => "  ".repeat(depth);

/** `JSON.stringify(value, null, 2)`'s text at `depth`: every line after the first indented. */
function leaf(value: unknown, depth: number): string | undefined {
  const s = JSON.stringify(value, null, 2) as string | undefined;
  return s === undefined || depth === 0 ? s : s.replaceAll("\n", `\n${pad(depth)}`);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  if (typeof (v as { toJSON?: unknown }).toJSON === "function") return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Written in pieces: an array of more than a batch of rows, or an object near the top. */
function opened(value: unknown, depth: number): boolean {
  if (Array.isArray(value))
    return value.length > BATCH && typeof (value as { toJSON?: unknown }).toJSON !== "function";
  return depth < OPEN_DEPTH && isPlainObject(value);
}

function* pieces(value: unknown, depth: number): Generator<string, void> {
  if (Array.isArray(value)) {
    yield "[\n";
    // The batch is written inside `depth` arrays, so that JSON.stringify indents its rows as
    // they stand in the whole; the brackets around them are cut off.
    // ("[\n", "  [\n", … before the rows; "\n  ]", "\n]" … after: (depth + 1)(depth + 2) each.)
    const cut = (depth + 1) * (depth + 2);
    for (let i = 0; i < value.length; i += BATCH) {
      let wrapped: unknown = value.slice(i, i + BATCH);
      for (let d = 0; d < depth; d++) wrapped = [wrapped];
      const s = JSON.stringify(wrapped, null, 2);
      if (i > 0) yield ",\n";
      yield s.slice(cut, s.length - cut);
    }
    yield `\n${pad(depth)}]`;
    return;
  }
  let first = true;
  for (const key of Object.keys(value as object)) {
    const v = (value as Record<string, unknown>)[key];
    // What JSON.stringify leaves out of an object: undefined, functions, symbols.
    const text = opened(v, depth + 1) ? null : leaf(v, depth + 1);
    if (text === undefined) continue;
    yield `${first ? "{\n" : ",\n"}${pad(depth + 1)}${JSON.stringify(key)}: `;
    first = false;
    if (text === null) yield* pieces(v, depth + 1);
    else yield text;
  }
  yield first ? "{}" : `\n${pad(depth)}}`;
}

/**
 * The pieces of `JSON.stringify(value, null, 2)`, in order (nothing for a value it writes as
 * undefined).
 */
export function* jsonPieces(value: unknown): Generator<string, void> {
  if (opened(value, 0)) yield* pieces(value, 0);
  else {
    const s = leaf(value, 0);
    if (s !== undefined) yield s;
  }
}

/** Pieces shorter than this are gathered and written together, up to this many characters. */
const GATHER_CHARS = 1 << 16;

/**
 * Writes `JSON.stringify(value, null, 2)` and a newline to `out`: a batch of rows as
 * JSON.stringify made it, the short pieces between batches gathered (joined, not appended: a
 * chain of appended pieces must be copied whole before it is written), waiting for the stream
 * to drain when it asks to.
 */
export async function writeJson(
  value: unknown,
  out: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  let gathered: string[] = [];
  let chars = 0;
  const write = async (text: string) => {
    if (text.length > 0 && !out.write(text))
      await new Promise<void>((ok) => out.once("drain", () => ok()));
  };
  const flush = async () => {
    const text = gathered.join("");
    gathered = [];
    chars = 0;
    await write(text);
  };
  for (const p of jsonPieces(value)) {
    if (p.length >= GATHER_CHARS) {
      await flush();
      await write(p);
      continue;
    }
    gathered.push(p);
    chars += p.length;
    if (chars >= GATHER_CHARS) await flush();
  }
  gathered.push("\n");
  await flush();
}
