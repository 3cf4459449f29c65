'use strict';
// Writes datasets/ and datasets.sha256 for reduction-openmp:
// `node scripts/mps-generate.js reduction-openmp`. Deterministic: every run writes the same bytes.
// The names must match mp.yaml's datasets.
//
// Why the values are multiples of 0.5 (as in list-reduction): an OpenMP reduction gives each
// thread its own partial sum and combines them in an order that depends on the thread count and
// the schedule, and float addition is not associative, so with arbitrary floats two correct
// programs (or one program run with 1 and with 7 threads) could disagree in the last digits, and
// over a million elements by more than the 0.2 tolerance. Multiples of 0.5 whose absolute values
// sum to less than 2^23 make every partial sum, in any order, exactly representable in float32
// (a 24-bit significand holds every multiple of 0.5 below 2^23): all correct programs get exactly
// the expected value, whatever the number of threads.

const { exactSumHalves, rawVector, generateLab, describe } = require('../_lib/datasets');

// Growing sizes: one element, fewer elements than threads, and sizes that no thread count
// divides evenly (odd, one past a power of two); the last two are hidden, the largest 2^20 + 3.
const SIZES = [1, 17, 1000, 4097, 65537, 300007, 1048579];

const DATASETS = SIZES.map((size) => ({
  name: size === 1 ? '1 element' : `${size} elements`,
  files: { 'input0.raw': { vector: size }, 'output.raw': { vector: 1 } },
  build(random) {
    const { values, sum } = exactSumHalves(random, size);
    // The total is handed in as a vector of length 1, as in list-reduction.
    return { 'input0.raw': rawVector(values), 'output.raw': rawVector([sum]) };
  },
}));

module.exports = { datasets: describe(DATASETS) };
if (require.main === module) generateLab(__dirname, DATASETS);
