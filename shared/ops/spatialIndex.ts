/**
 * A uniform grid of buckets over the plane, for "what lies near this box?" questions.
 * The chip layout asks them for every candidate spot of every label; scanning every
 * marker and every label instead made a full layout quadratic (seconds at 300 chips).
 *
 * Items are boxes (a point is a box of no size) identified by the index they were
 * inserted with. A query visits every item whose box comes within `pad` of the query
 * box — and possibly a few more from the same cells, so callers still apply their exact
 * test: the index only ever narrows, it never decides.
 */

export interface IndexBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Cell coordinates are kept in this range so a pair packs into one exact integer key. */
const CELL_LIMIT = 1 << 20;

export class GridIndex {
  private readonly cells = new Map<number, number[]>();
  private readonly boxes: IndexBox[] = [];
  /** Per item: the query it was last visited in, so an item spanning cells is visited once. */
  private stamps = new Int32Array(64);
  private stamp = 0;

  constructor(private readonly cell: number) {
    if (!(cell > 0) || !Number.isFinite(cell)) throw new Error('GridIndex: the cell size must be a positive number');
  }

  get size(): number {
    return this.boxes.length;
  }

  private cellOf(v: number): number {
    const c = Math.floor(v / this.cell);
    // NaN and huge values land in the edge cells: still found, only slower.
    return c >= CELL_LIMIT ? CELL_LIMIT - 1 : c <= -CELL_LIMIT ? -CELL_LIMIT : Number.isNaN(c) ? 0 : c;
  }

  private static key(cx: number, cy: number): number {
    return (cx + CELL_LIMIT) * (2 * CELL_LIMIT) + (cy + CELL_LIMIT);
  }

  /** Add a box; returns its index (0, 1, 2, … in insertion order). */
  insert(box: IndexBox): number {
    const id = this.boxes.length;
    this.boxes.push(box);
    if (id >= this.stamps.length) {
      const grown = new Int32Array(this.stamps.length * 2);
      grown.set(this.stamps);
      this.stamps = grown;
    }
    const x0 = this.cellOf(box.x);
    const x1 = this.cellOf(box.x + box.width);
    const y0 = this.cellOf(box.y);
    const y1 = this.cellOf(box.y + box.height);
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const k = GridIndex.key(cx, cy);
        const bucket = this.cells.get(k);
        if (bucket) bucket.push(id);
        else this.cells.set(k, [id]);
      }
    }
    return id;
  }

  box(id: number): IndexBox {
    return this.boxes[id]!;
  }

  /**
   * Visit each item whose cells meet `box` grown by `padX` (and `padY`, default the same)
   * on every side, once. Stops early, returning true, as soon as `visit` returns true.
   */
  some(box: IndexBox, padX: number, visit: (id: number) => boolean, padY = padX): boolean {
    const stamp = ++this.stamp;
    const x0 = this.cellOf(box.x - padX);
    const x1 = this.cellOf(box.x + box.width + padX);
    const y0 = this.cellOf(box.y - padY);
    const y1 = this.cellOf(box.y + box.height + padY);
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) {
        const bucket = this.cells.get(GridIndex.key(cx, cy));
        if (!bucket) continue;
        for (const id of bucket) {
          if (this.stamps[id] === stamp) continue;
          this.stamps[id] = stamp;
          if (visit(id)) return true;
        }
      }
    }
    return false;
  }

  /** The items `some` would visit, in insertion order (for sums that must not depend on the grid). */
  near(box: IndexBox, padX: number, padY = padX): number[] {
    const found: number[] = [];
    this.some(
      box,
      padX,
      (id) => {
        found.push(id);
        return false;
      },
      padY,
    );
    if (found.length > 24) return found.sort((a, b) => a - b);
    // Usually a handful: insertion sort beats Array.prototype.sort's overhead here.
    for (let i = 1; i < found.length; i++) {
      const v = found[i]!;
      let j = i - 1;
      while (j >= 0 && found[j]! > v) {
        found[j + 1] = found[j]!;
        j--;
      }
      found[j + 1] = v;
    }
    return found;
  }
}

/**
 * Where a box surely comes closer than `radius` to one of the given points, answered in
 * constant time: a raster of small cells, each marked when all of it lies that close to
 * some point, and a summed-area table over it. A box holding a whole marked cell holds a
 * point that close, so it surely hits; any other box gets the exact test. On a crowded
 * map (3,000 chips) almost every spot a label could take is rejected here.
 */
export class DiscCover {
  private readonly ox: number;
  private readonly oy: number;
  private readonly cols: number;
  private readonly rows: number;
  private readonly q: number;
  private readonly sums: Int32Array;

  constructor(points: readonly { x: number; y: number }[], radius: number, area: IndexBox) {
    const q = Math.max(1, radius / 3);
    this.q = q;
    this.ox = area.x - radius;
    this.oy = area.y - radius;
    const cols = Math.max(1, Math.min(4096, Math.ceil((area.width + 2 * radius) / q)));
    const rows = Math.max(1, Math.min(4096, Math.ceil((area.height + 2 * radius) / q)));
    this.cols = cols;
    this.rows = rows;
    const marked = new Uint8Array(cols * rows);
    // A hair inside the radius, so rounding can never mark a cell the exact test would pass.
    const inner = radius - 1e-6 * Math.max(1, radius);
    const r2 = inner * inner;
    if (inner > 0 && Number.isFinite(q)) {
      for (const p of points) {
        if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
        const c0 = Math.max(0, Math.floor((p.x - inner - this.ox) / q));
        const c1 = Math.min(cols - 1, Math.floor((p.x + inner - this.ox) / q));
        const r0 = Math.max(0, Math.floor((p.y - inner - this.oy) / q));
        const r1 = Math.min(rows - 1, Math.floor((p.y + inner - this.oy) / q));
        for (let cy = r0; cy <= r1; cy++) {
          const y0 = this.oy + cy * q;
          const dy = Math.max(Math.abs(y0 - p.y), Math.abs(y0 + q - p.y));
          for (let cx = c0; cx <= c1; cx++) {
            const x0 = this.ox + cx * q;
            const dx = Math.max(Math.abs(x0 - p.x), Math.abs(x0 + q - p.x));
            if (dx * dx + dy * dy < r2) marked[cy * cols + cx] = 1;
          }
        }
      }
    }
    const sums = new Int32Array((cols + 1) * (rows + 1));
    for (let cy = 0; cy < rows; cy++) {
      let row = 0;
      for (let cx = 0; cx < cols; cx++) {
        row += marked[cy * cols + cx]!;
        sums[(cy + 1) * (cols + 1) + cx + 1] = sums[cy * (cols + 1) + cx + 1]! + row;
      }
    }
    this.sums = sums;
  }

  /** True only when the box surely comes closer than the radius to a point. */
  blocks(box: IndexBox): boolean {
    const c0 = Math.max(0, Math.ceil((box.x - this.ox) / this.q));
    const c1 = Math.min(this.cols, Math.floor((box.x + box.width - this.ox) / this.q));
    const r0 = Math.max(0, Math.ceil((box.y - this.oy) / this.q));
    const r1 = Math.min(this.rows, Math.floor((box.y + box.height - this.oy) / this.q));
    if (!(c1 > c0 && r1 > r0)) return false;
    const w = this.cols + 1;
    return this.sums[r1 * w + c1]! - this.sums[r0 * w + c1]! - this.sums[r1 * w + c0]! + this.sums[r0 * w + c0]! > 0;
  }
}
