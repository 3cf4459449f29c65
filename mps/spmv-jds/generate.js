'use strict';
// Writes datasets/ and datasets.sha256 for spmv-jds: `node scripts/mps-generate.js spmv-jds`.
// Deterministic: every run writes the same bytes. The names must match mp.yaml's datasets.
//
// Each dataset is a random sparse matrix A (rows x columns) and a vector x, stored in the JDS
// layout the description documents:
//   input0.raw  perm     (Integer, rows)        JDS row r is row perm[r] of A
//   input1.raw  rowNnz   (Integer, rows)        nonzeros of JDS row r, non-increasing
//   input2.raw  diagPtr  (Integer, diagonals+1) jagged diagonal d is [diagPtr[d], diagPtr[d+1])
//   input3.raw  colIdx   (Integer, nonzeros)    column of each stored value
//   input4.raw  data     (Real, nonzeros)       the values; row r's d-th is at diagPtr[d] + r
//   input5.raw  x        (Real, columns)
//   output.raw  y = A x  (Real, rows), in the original row order

const {
  seedFor,
  mulberry32,
  uniformInt,
  uniformFloat32,
  formatInt,
  formatRounded,
  rawVector,
  generateLab,
  describe,
} = require('../_lib/datasets');

/** A nonzero value with one decimal in [-1, 1]. */
function nonzero(random) {
  for (;;) {
    const v = uniformFloat32(random, -1, 1, 1);
    if (v !== 0) return v;
  }
}

/** `count` distinct columns in [0, columns), ascending. */
function distinctColumns(random, count, columns) {
  const chosen = new Set();
  while (chosen.size < count) chosen.add(uniformInt(random, 0, columns - 1));
  return [...chosen].sort((a, b) => a - b);
}

function build(random, rows, columns, maxNnz) {
  // Row lengths with a long tail (most rows short, a few long) and about 1 row in 10 empty: the
  // shape JDS is made for, and a test of rows with nothing to add.
  const rowsOfA = Array.from({ length: rows }, () => {
    const u = random();
    const nnz = random() < 0.1 ? 0 : 1 + Math.floor((maxNnz - 1) * (u * u * u * u)); // not u ** 4: Math.pow is approximate
    return distinctColumns(random, nnz, columns).map((col) => ({ col, value: nonzero(random) }));
  });
  const x = Array.from({ length: columns }, () => uniformFloat32(random, -1, 1, 1));

  // JDS: rows by decreasing length (ties in row order), then stored diagonal by diagonal.
  const perm = Array.from({ length: rows }, (_, i) => i).sort((a, b) => rowsOfA[b].length - rowsOfA[a].length || a - b);
  const rowNnz = perm.map((row) => rowsOfA[row].length);
  const diagonals = rowNnz[0] ?? 0;
  const diagPtr = [0];
  const colIdx = [];
  const data = [];
  for (let d = 0; d < diagonals; d++) {
    for (let r = 0; r < rows && rowNnz[r] > d; r++) {
      colIdx.push(rowsOfA[perm[r]][d].col);
      data.push(rowsOfA[perm[r]][d].value);
    }
    diagPtr.push(colIdx.length);
  }

  // y in float32, each row summed in order of its nonzeros as the one-thread-per-row kernel does.
  // Rows have at most ~100 terms of magnitude <= 1: a fused multiply-add or another order moves
  // a sum by well under 1e-4.
  const y = rowsOfA.map((entries) => entries.reduce((sum, { col, value }) => Math.fround(sum + Math.fround(value * x[col])), 0));
  return {
    'input0.raw': rawVector(perm, formatInt),
    'input1.raw': rawVector(rowNnz, formatInt),
    'input2.raw': rawVector(diagPtr, formatInt),
    'input3.raw': rawVector(colIdx, formatInt),
    'input4.raw': rawVector(data),
    'input5.raw': rawVector(x),
    // Rounded to 4 decimals: off by at most 5e-5, far inside the 0.2 tolerance.
    'output.raw': rawVector(y, formatRounded(4)),
  };
}

// [rows, columns, longest row]: square and not, sizes that are not multiples of a block.
const MATRICES = [
  [16, 16, 8],
  [100, 80, 20],
  [1000, 1200, 48],
  [4097, 3000, 64],
  [10007, 10007, 64],
  [20011, 16007, 80],
];

/**
 * The files' sizes depend on the random row lengths, so the description of each dataset (what
 * scripts/mps-check.js verifies) is computed by building it: cheap, and the same every time.
 */
function shapes(lab, id, rows, columns, maxNnz) {
  const files = build(mulberry32(seedFor(lab, id)), rows, columns, maxNnz);
  const count = (name) => Number(files[name].slice(0, files[name].indexOf('\n')));
  return {
    'input0.raw': { vector: rows, integer: true },
    'input1.raw': { vector: rows, integer: true },
    'input2.raw': { vector: count('input2.raw'), integer: true },
    'input3.raw': { vector: count('input3.raw'), integer: true },
    'input4.raw': { vector: count('input3.raw') },
    'input5.raw': { vector: columns },
    'output.raw': { vector: rows },
  };
}

const DATASETS = MATRICES.map(([rows, columns, maxNnz], id) => ({
  name: `${rows} x ${columns}, rows of up to ${maxNnz} nonzeros`,
  get files() {
    return shapes('spmv-jds', id, rows, columns, maxNnz);
  },
  build: (random) => build(random, rows, columns, maxNnz),
}));

module.exports = { datasets: describe(DATASETS) };
if (require.main === module) generateLab(__dirname, DATASETS);
