'use strict';
// Writes datasets/ and datasets.sha256 for list-reduction:
// `node scripts/mps-generate.js list-reduction`. Deterministic: every run writes the same bytes.
// The names must match mp.yaml's datasets.
//
// Why the values are multiples of 0.5: a GPU reduction adds in a tree, in an order that depends
// on the student's kernel, and float addition is not associative, so with arbitrary floats the
// result of a million-element sum could differ from any fixed reference by more than the 0.2
// tolerance. Multiples of 0.5 whose absolute values sum to less than 2^23 make every partial
// sum, in any order, exactly representable in float32 (a 24-bit significand holds every
// multiple of 0.5 below 2^23): all correct programs get exactly the expected value.

const { exactSumHalves, rawVector, generateLab, describe } = require('../_lib/datasets');

const SIZES = [16, 1000, 2048, 9999, 65537, 200003, 600011];

const DATASETS = SIZES.map((size) => ({
  name: `${size} elements`,
  files: { 'input0.raw': { vector: size }, 'output.raw': { vector: 1 } },
  build(random) {
    const { values, sum } = exactSumHalves(random, size);
    return { 'input0.raw': rawVector(values), 'output.raw': rawVector([sum]) };
  },
}));

module.exports = { datasets: describe(DATASETS) };
if (require.main === module) generateLab(__dirname, DATASETS);
