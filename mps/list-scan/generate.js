'use strict';
// Writes datasets/ and datasets.sha256 for list-scan: `node scripts/mps-generate.js list-scan`.
// Deterministic: every run writes the same bytes. The names must match mp.yaml's datasets.
//
// Why the values are multiples of 0.5: a parallel scan adds in an order that depends on the
// student's algorithm (Kogge-Stone, Brent-Kung, the section sizes), and float addition is not
// associative. Multiples of 0.5 whose absolute values sum to less than 2^23 make every partial
// sum, of any range in any order, exactly representable in float32: every correct program gets
// exactly the expected prefix sums.

const { uniformInt, rawVector, generateLab, describe } = require('../_lib/datasets');

// Within one section (1024 elements with 512 threads), exactly one section, just over two (a
// last section of a single element), then many sections, up to 257.
const SIZES = [16, 1000, 1024, 2049, 9999, 65537, 262147];
const EXACT_LIMIT = 8388608; // 2^23

const DATASETS = SIZES.map((size) => ({
  name: `${size} elements`,
  files: { 'input0.raw': { vector: size }, 'output.raw': { vector: size } },
  build(random) {
    const input = Array.from({ length: size }, () => uniformInt(random, -10, 10) / 2);
    const magnitude = input.reduce((a, b) => a + Math.abs(b), 0);
    if (magnitude >= EXACT_LIMIT) throw new Error(`list-scan: sum of |x| is ${magnitude}, not below 2^23`);
    const output = new Array(size);
    let sum = 0;
    for (let i = 0; i < size; i++) output[i] = sum += input[i]; // inclusive: output[i] includes input[i]
    return { 'input0.raw': rawVector(input), 'output.raw': rawVector(output) };
  },
}));

module.exports = { datasets: describe(DATASETS) };
if (require.main === module) generateLab(__dirname, DATASETS);
