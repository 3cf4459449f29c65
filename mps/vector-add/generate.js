'use strict';
// Writes datasets/ and datasets.sha256 for vector-add: `node scripts/mps-generate.js vector-add`.
// Deterministic: every run writes the same bytes. The names must match mp.yaml's datasets.

const { uniformFloat32, formatRounded, rawVector, generateLab, describe } = require('../_lib/datasets');

// Growing sizes, most not multiples of a block size (16, 32, 256, 1024), so a kernel without a
// bounds check fails; the largest is big enough for the copies to show in the timings.
const SIZES = [16, 64, 93, 1000, 1023, 4097, 65537, 1000003];

const DATASETS = SIZES.map((size) => ({
  name: `${size} elements`,
  files: { 'input0.raw': { vector: size }, 'input1.raw': { vector: size }, 'output.raw': { vector: size } },
  build(random) {
    // One decimal keeps the files short (about 13 bytes per element for the three files).
    const input0 = Array.from({ length: size }, () => uniformFloat32(random, -10, 10, 1));
    const input1 = Array.from({ length: size }, () => uniformFloat32(random, -10, 10, 1));
    // The float32 sum is what the GPU computes (one rounding, no order to differ in). It is written
    // rounded to one decimal ("-4.1", not "-4.1000004"): off by under 1e-6, far inside the 0.2
    // tolerance, and a third shorter.
    const output = input0.map((a, i) => Math.fround(a + input1[i]));
    return { 'input0.raw': rawVector(input0), 'input1.raw': rawVector(input1), 'output.raw': rawVector(output, formatRounded(1)) };
  },
}));

module.exports = { datasets: describe(DATASETS) };
if (require.main === module) generateLab(__dirname, DATASETS);
