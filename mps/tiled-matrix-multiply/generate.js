'use strict';
// Writes datasets/ and datasets.sha256 for tiled-matrix-multiply:
// `node scripts/mps-generate.js tiled-matrix-multiply`. Deterministic: every run writes the same bytes.
// The names must match mp.yaml's datasets.

const { generateLab, describe } = require('../_lib/datasets');
const { matrixMultiplyDatasets } = require('../_lib/matrices');

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

const DATASETS = matrixMultiplyDatasets(SHAPES);

module.exports = { datasets: describe(DATASETS) };
if (require.main === module) generateLab(__dirname, DATASETS);
