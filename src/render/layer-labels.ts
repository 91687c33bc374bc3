/**
 * The layer names under the network's columns, each centred under its column. On a phone the
 * columns stand ~50 px apart and "a⁽¹⁾ (16) a⁽²⁾ (16output a⁽³⁾" ran together.
 */
export interface LabelColumn {
  /** The column's centre, px. */
  x: number;
  /** Its names, longest first. */
  names: string[];
}

/**
 * The names the columns get: all at the same length (level k is each column's k-th name, or its
 * last), the longest level whose names fit side by side, else the shortest. Chosen column by column
 * it mixed "hidden a⁽¹⁾ (32)" and "a⁽²⁾ (16)". `left` is where the first may start (right of the
 * input's label), `right` where the last must end (the canvas's edge); names keep `gap` px apart.
 */
export function fitLayerLabels(
  columns: LabelColumn[],
  width: (text: string) => number,
  left: number,
  right: number,
  gap = 6,
): string[] {
  const levels = Math.max(...columns.map((c) => c.names.length));
  const at = (k: number) => columns.map((c) => c.names[Math.min(k, c.names.length - 1)]);
  for (let k = 0; k < levels - 1; k++) {
    const names = at(k);
    let end = left;
    const fits = columns.every((c, i) => {
      const half = width(names[i]) / 2;
      const ok = c.x - half >= end && c.x + half <= right;
      end = c.x + half + gap;
      return ok;
    });
    if (fits) return names;
  }
  return at(levels - 1);
}
