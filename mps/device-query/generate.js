'use strict';
// Writes datasets/ and datasets.sha256 for device-query: `node scripts/mps-generate.js device-query`.
// Deterministic: every run writes the same bytes. The names must match mp.yaml's datasets.
//
// What is graded is what does not depend on the GPU: that the program found a device, chose a
// block size from its properties and ran the given kernel there (out[i] = 2 * in[i] + 1, in
// integers, so the check is exact).

const { uniformInt, formatInt, rawVector, generateLab, describe } = require('../_lib/datasets');

const SIZES = [1, 10, 100, 1000, 1025, 10007];

const DATASETS = SIZES.map((size) => ({
  name: `${size} integers`,
  files: { 'input0.raw': { vector: size, integer: true }, 'output.raw': { vector: size, integer: true } },
  build(random) {
    const input = Array.from({ length: size }, () => uniformInt(random, -1000, 1000));
    const output = input.map((v) => 2 * v + 1); // never 0 (odd), so an untouched output always fails
    return { 'input0.raw': rawVector(input, formatInt), 'output.raw': rawVector(output, formatInt) };
  },
}));

module.exports = { datasets: describe(DATASETS) };
if (require.main === module) generateLab(__dirname, DATASETS);
