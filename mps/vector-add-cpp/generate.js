'use strict';
// Writes datasets/ and datasets.sha256 for vector-add-cpp: `node mps/vector-add-cpp/generate.js`
// (or `node scripts/mps-generate.js vector-add-cpp`). Deterministic: every run writes the same
// bytes. The names must match mp.yaml's datasets (scripts/mps-check.js checks).

const { uniformFloat32, rawVector, generateLab, describe } = require('../_lib/datasets');

// Growing sizes, most not multiples of a block size, so boundary checks in student code matter.
// The largest stays small: this lab runs on the CPU, the GPU labs carry the big datasets.
const SIZES = [16, 64, 93, 1000, 1023, 4097, 65537, 100003];

const DATASETS = SIZES.map((size) => ({
  name: `${size} elements`,
  files: { 'input0.raw': { vector: size }, 'input1.raw': { vector: size }, 'output.raw': { vector: size } },
  build(random) {
    const input0 = Array.from({ length: size }, () => uniformFloat32(random, -100, 100, 2));
    const input1 = Array.from({ length: size }, () => uniformFloat32(random, -100, 100, 2));
    // The expected output is the float32 sum, exactly what a correct float program computes.
    const output = input0.map((a, i) => Math.fround(a + input1[i]));
    return { 'input0.raw': rawVector(input0), 'input1.raw': rawVector(input1), 'output.raw': rawVector(output) };
  },
}));

module.exports = { datasets: describe(DATASETS) };
if (require.main === module) generateLab(__dirname, DATASETS);
