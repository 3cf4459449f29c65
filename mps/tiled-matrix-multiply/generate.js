'use strict';
// Writes datasets/ and datasets.sha256 for tiled-matrix-multiply:
// `node scripts/mps-generate.js tiled-matrix-multiply`. Deterministic: every run writes the same bytes.
// The names must match mp.yaml's datasets.

const { formatRounded, rawMatrix, generateLab, describe } = require('../_lib/datasets');
const { randomMatrix, multiplyFloat32 } = require('../_lib/matrices');

// [rows of A, columns of A = rows of B, columns of B]: square and not, multiples of the tile
// width and not (partial tiles on every edge), an inner dimension of many tiles with a C smaller
// than one tile; the largest takes the GPU a visible moment.
const SHAPES = [
  [64, 64, 64],
  [128, 128, 128],
  [100, 57, 75],
  [255, 256, 257],
  [3, 1000, 5],
  [400, 357, 289],
  [512, 480, 500],
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
