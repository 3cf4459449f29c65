'use strict';
// Writes datasets/ and datasets.sha256 for vector-add-streams:
// `node scripts/mps-generate.js vector-add-streams`. Deterministic: every run writes the same
// bytes. The names must match mp.yaml's datasets.

const { uniformFloat32, formatRounded, rawVector, generateLab, describe } = require('../_lib/datasets');

// Sizes below, at and above one segment (64 Ki elements) and over several rounds of the four
// streams; none a multiple of the segment or block size, so the last segment is always partial.
const SIZES = [16, 1000, 4097, 65537, 131101, 200003];

const DATASETS = SIZES.map((size) => ({
  name: `${size} elements`,
  files: { 'input0.raw': { vector: size }, 'input1.raw': { vector: size }, 'output.raw': { vector: size } },
  build(random) {
    const input0 = Array.from({ length: size }, () => uniformFloat32(random, -10, 10, 1));
    const input1 = Array.from({ length: size }, () => uniformFloat32(random, -10, 10, 1));
    // The float32 sum (what the GPU computes), written rounded to one decimal: off by under 1e-6,
    // far inside the 0.2 tolerance, and shorter than "-4.1000004".
    const output = input0.map((a, i) => Math.fround(a + input1[i]));
    return { 'input0.raw': rawVector(input0), 'input1.raw': rawVector(input1), 'output.raw': rawVector(output, formatRounded(1)) };
  },
}));

module.exports = { datasets: describe(DATASETS) };
if (require.main === module) generateLab(__dirname, DATASETS);
