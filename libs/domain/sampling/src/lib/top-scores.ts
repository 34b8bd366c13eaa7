// Partial selection of the b best-scoring rows among n with a bounded heap: O(n log b) time and O(b) memory,
// so ranking a million rows for a batch of 100 never sorts (or allocates) n of anything.
// Best = largest score; equal scores rank the lower row index first (the project's tie rule).

export class TopScores {
  private readonly scores: Float64Array;
  private readonly rows: Int32Array;
  private size = 0;
  private lastRow = -1;

  constructor(private readonly capacity: number) {
    this.scores = new Float64Array(capacity);
    this.rows = new Int32Array(capacity);
  }

  /**
   * Offers row `row` with `score`. Rows must come in increasing index order: a newcomer then loses every tie
   * against the rows already kept, so one comparison with the root settles almost every row.
   */
  offer(score: number, row: number): void {
    // Kept small so that it inlines into the callers' row loops: the common case is one rejected comparison.
    if (row <= this.lastRow) throw outOfOrder(row, this.lastRow);
    this.lastRow = row;
    if (this.size < this.capacity) {
      this.siftUp(this.size++, score, row);
    } else if (score > this.scores[0]) {
      this.siftDown(score, row);
    }
  }

  /** The kept rows, best first, with their scores. */
  ranked(): { rows: number[]; scores: number[] } {
    const order = Array.from({ length: this.size }, (_, x) => x);
    order.sort((a, b) => this.scores[b] - this.scores[a] || this.rows[a] - this.rows[b]);
    return { rows: order.map((x) => this.rows[x]), scores: order.map((x) => this.scores[x]) };
  }

  // The heap's root is its worst entry: lowest score, and among equal scores the highest row.
  private worse(score: number, row: number, x: number): boolean {
    return score < this.scores[x] || (score === this.scores[x] && row > this.rows[x]);
  }

  private siftUp(at: number, score: number, row: number): void {
    let x = at;
    while (x > 0) {
      const parent = (x - 1) >> 1;
      if (!this.worse(score, row, parent)) break;
      this.scores[x] = this.scores[parent];
      this.rows[x] = this.rows[parent];
      x = parent;
    }
    this.scores[x] = score;
    this.rows[x] = row;
  }

  // Replaces the root with (score, row) and restores the heap.
  private siftDown(score: number, row: number): void {
    let x = 0;
    for (;;) {
      const left = 2 * x + 1;
      if (left >= this.size) break;
      const right = left + 1;
      const child = right < this.size && this.worse(this.scores[right], this.rows[right], left) ? right : left;
      // Stop once the new entry is worse than the worse child: it belongs above both.
      if (this.worse(score, row, child)) break;
      this.scores[x] = this.scores[child];
      this.rows[x] = this.rows[child];
      x = child;
    }
    this.scores[x] = score;
    this.rows[x] = row;
  }
}

function outOfOrder(row: number, lastRow: number): RangeError {
  return new RangeError(`rows must be offered in increasing order: ${row} after ${lastRow}`);
}
