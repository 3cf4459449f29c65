'use strict';
// Writes datasets/ for vector-add-cpp: `node mps/vector-add-cpp/generate.js`.
// Deterministic: every run writes the same bytes. Sizes must match mp.yaml's datasets.

const { seedFor, mulberry32, uniformFloat32, rawVector, resetDatasets, writeDataset } = require('../_lib/datasets');

const LAB = 'vector-add-cpp';

// Growing sizes, most not multiples of a block size, so boundary checks in student code matter.
const SIZES = [16, 64, 93, 1000, 1023, 4097, 65537, 1000003];

function generate(id, size) {
  const random = mulberry32(seedFor(LAB, id));
  const input0 = Array.from({ length: size }, () => uniformFloat32(random, -100, 100, 2));
  const input1 = Array.from({ length: size }, () => uniformFloat32(random, -100, 100, 2));
  // The expected output is the float32 sum, exactly what a correct float program computes.
  const output = input0.map((a, i) => Math.fround(a + input1[i]));
  return { 'input0.raw': rawVector(input0), 'input1.raw': rawVector(input1), 'output.raw': rawVector(output) };
}

function main() {
  resetDatasets(__dirname);
  SIZES.forEach((size, id) => writeDataset(__dirname, id, generate(id, size)));
  console.log(`${LAB}: wrote ${SIZES.length} datasets (${SIZES.join(', ')} elements)`);
}

main();
