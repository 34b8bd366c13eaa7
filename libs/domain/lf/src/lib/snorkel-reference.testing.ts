// Test-only: a dense, literal transcription of snorkel/labeling/analysis.py (matrix formulas on L + 1, the
// nan_to_num zeros, and lf_summary's confusion_matrix(Y, L[:, j])[1:, 1:]) to check the one-pass version against.

export interface SnorkelSummary {
  labelCoverage: number;
  labelOverlap: number;
  labelConflict: number;
  polarity: number[][];
  coverage: number[];
  overlaps: number[];
  conflicts: number[];
  correct: number[];
  incorrect: number[];
  empiricalAccuracy: number[];
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const dot = (a: number[], b: number[]) => sum(a.map((x, i) => x * b[i]));
const nanToNum = (x: number) => (Number.isNaN(x) ? 0 : x);

export function snorkelSummary(L: number[][], Y: number[]): SnorkelSummary {
  const n = L.length;
  const m = n === 0 ? 0 : L[0].length;
  const Ls = L.map((row) => row.map((v) => v + 1)); // sparse.csr_matrix(L + 1)
  const column = (j: number) => Ls.map((row) => row[j]);
  const nonzero = (xs: number[]) => xs.map((x) => (x !== 0 ? 1 : 0));
  const covered = Ls.map((row) => (sum(row) !== 0 ? 1 : 0));
  const overlapped = Ls.map((row) => (sum(nonzero(row)) > 1 ? 1 : 0));
  // diag(row max) @ (Ls != 0) != Ls, any over the row
  const conflicted = Ls.map((row) => {
    const max = Math.max(...row);
    return row.some((x) => (x !== 0 ? max : 0) !== x) ? 1 : 0;
  });
  const columns = Array.from({ length: m }, (_, j) => column(j));
  const summary: SnorkelSummary = {
    labelCoverage: sum(covered) / n,
    labelOverlap: sum(overlapped) / n,
    labelConflict: sum(conflicted) / n,
    polarity: columns.map((c) => [...new Set(c.filter((x) => x !== 0).map((x) => x - 1))].sort((a, b) => a - b)),
    coverage: columns.map((c) => sum(nonzero(c)) / n),
    overlaps: columns.map((c) => nanToNum(dot(nonzero(c), overlapped) / n)),
    conflicts: columns.map((c) => nanToNum(dot(nonzero(c), conflicted) / n)),
    correct: [],
    incorrect: [],
    // 0.5 * (X.sum / (L != -1).sum + 1), X = 0 abstain, 1 right, -1 wrong
    empiricalAccuracy: columns.map((_, j) => {
      const x = L.map((row, i) => (row[j] === -1 ? 0 : row[j] === Y[i] ? 1 : -1));
      return nanToNum(0.5 * (sum(x) / L.filter((row) => row[j] !== -1).length + 1));
    }),
  };
  for (let j = 0; j < m; j++) {
    const predicted = L.map((row) => row[j]);
    const labels = [...new Set([...Y, ...predicted])].sort((a, b) => a - b).slice(1); // [1:, 1:]
    let diagonal = 0;
    let total = 0;
    Y.forEach((y, i) => {
      if (labels.includes(y) && labels.includes(predicted[i])) {
        total++;
        if (y === predicted[i]) diagonal++;
      }
    });
    summary.correct.push(diagonal);
    summary.incorrect.push(total - diagonal);
  }
  return summary;
}
