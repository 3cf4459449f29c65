'use strict';
// Writes datasets/ and datasets.sha256 for matrix-multiply:
// `node scripts/mps-generate.js matrix-multiply`. Deterministic: every run writes the same bytes.
// The names must match mp.yaml's datasets.

const { formatRounded, rawMatrix, generateLab, describe } = require('../_lib/datasets');
const { randomMatrix, multiplyFloat32 } = require('../_lib/matrices');

// [rows of A, columns of A = rows of B, columns of B]: square and not, multiples of the block
// width and not, a long inner dimension; the largest takes the GPU a visible moment.
const SHAPES = [
  [64, 64, 64],
  [128, 64, 128],
  [93, 77, 85],
  [256, 256, 256],
  [17, 1000, 33],
  [300, 211, 431],
  [480, 512, 544],
];

const DATASETS = SHAPES.map(([m, k, n]) => ({
  name: `${m} x ${k} times ${k} x ${n}`,
  files: { 'input0.raw': { matrix: [m, k] }, 'input1.raw': { matrix: [k, n] }, 'output.raw': { matrix: [m, n] } },
  build(random) {
    // One decimal in [-1, 1]: every product has two decimals, so the exact result is a two-decimal
    // number and the float32 one is within about 1e-3 of it for these sizes (|C| stays under ~40).
    const A = randomMatrix(random, m, k, -1, 1, 1);
    const B = randomMatrix(random, k, n, -1, 1, 1);
    const C = multiplyFloat32(A, B, m, k, n);
    // Written rounded to 3 decimals: off by at most 5e-4, far inside the 0.2 tolerance.
    return {
      'input0.raw': rawMatrix(m, k, A),
      'input1.raw': rawMatrix(k, n, B),
      'output.raw': rawMatrix(m, n, C, formatRounded(3)),
    };
  },
}));

module.exports = { datasets: describe(DATASETS) };
if (require.main === module) generateLab(__dirname, DATASETS);
