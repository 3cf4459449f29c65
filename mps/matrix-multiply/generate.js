'use strict';
// Writes datasets/ and datasets.sha256 for matrix-multiply:
// `node scripts/mps-generate.js matrix-multiply`. Deterministic: every run writes the same bytes.
// The names must match mp.yaml's datasets.

const { generateLab, describe } = require('../_lib/datasets');
const { matrixMultiplyDatasets } = require('../_lib/matrices');

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

const DATASETS = matrixMultiplyDatasets(SHAPES);

module.exports = { datasets: describe(DATASETS) };
if (require.main === module) generateLab(__dirname, DATASETS);
