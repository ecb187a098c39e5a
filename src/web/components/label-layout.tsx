/**
 * Map labels that do not overlap: each label tries positions around its anchor (right, left,
 * above, below, the diagonals, then further out) and takes the first that stays inside the frame
 * and clear of the labels already placed and of the obstacles (markers). Labels go in order of
 * priority; one with no free position is left out (its text stays in the marker's title and in
 * the table beside the map). Widths are estimated generously from the font size, so the boxes
 * the browser draws are never larger than the ones reserved here.
 */

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface LabelRequest {
  id: string;
  text: string;
  /** The point labelled, and the radius of its marker. */
  x: number;
  y: number;
  r: number;
  /** Higher goes first. */
  priority: number;
  /** Font size in the SVG's units (default 11) and whether it is bold. */
  size?: number;
  bold?: boolean;
}

export interface PlacedLabel {
  id: string;
  text: string;
  /** The text's anchor point (baseline) and alignment. */
  x: number;
  y: number;
  anchor: "start" | "middle" | "end";
  box: Box;
  size: number;
  bold: boolean;
}

/** The box a label would take: width from its length, height from its size, with a margin. */
function boxOf(
  text: string,
  x: number,
  y: number,
  anchor: PlacedLabel["anchor"],
  size: number,
  bold: boolean,
): Box {
  // 0.68 em a character covers capitals and wide faces; 3 units each side for the white halo.
  const w = text.length * size * (bold ? 0.72 : 0.68) + 6;
  const x0 = anchor === "start" ? x - 3 : anchor === "end" ? x - w + 3 : x - w / 2;
  return { x0, y0: y - size - 2, x1: x0 + w, y1: y + size * 0.35 + 2 };
}

function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/**
 * Places the labels it can. `obstacles` are boxes no label may cover (markers); a label may
 * touch its own marker's box, which is why each marker is passed with its label's id.
 */
export function layoutLabels(
  labels: readonly LabelRequest[],
  frame: { w: number; h: number },
  obstacles: readonly (Box & { id?: string })[] = [],
): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  const order = [...labels].sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  for (const l of order) {
    const size = l.size ?? 11;
    const bold = l.bold ?? false;
    const candidates: [number, number, PlacedLabel["anchor"]][] = [];
    for (const k of [1, 1.8, 2.8]) {
      const d = l.r * k + 3 * k;
      candidates.push(
        [l.x + d, l.y + size * 0.35, "start"],
        [l.x - d, l.y + size * 0.35, "end"],
        [l.x, l.y - d - 2, "middle"],
        [l.x, l.y + d + size, "middle"],
        [l.x + d * 0.7, l.y - d * 0.7, "start"],
        [l.x + d * 0.7, l.y + d * 0.7 + size * 0.7, "start"],
        [l.x - d * 0.7, l.y - d * 0.7, "end"],
        [l.x - d * 0.7, l.y + d * 0.7 + size * 0.7, "end"],
      );
    }
    for (const [x, y, anchor] of candidates) {
      const box = boxOf(l.text, x, y, anchor, size, bold);
      if (box.x0 < 0 || box.y0 < 0 || box.x1 > frame.w || box.y1 > frame.h) continue;
      if (placed.some((p) => overlaps(p.box, box))) continue;
      if (obstacles.some((o) => o.id !== l.id && overlaps(o, box))) continue;
      placed.push({ id: l.id, text: l.text, x, y, anchor, box, size, bold });
      break;
    }
  }
  return placed;
}
