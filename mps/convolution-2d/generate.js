'use strict';
// Writes datasets/ and datasets.sha256 for convolution-2d:
// `node scripts/mps-generate.js convolution-2d`. Deterministic: every run writes the same bytes.
// The names must match mp.yaml's datasets.

const { formatFloat32, csvMatrix, ppm, generateLab, describe } = require('../_lib/datasets');
const { syntheticImage } = require('../_lib/images');

const MASK_WIDTH = 5;
const MASK_RADIUS = 2;

/** A mask from integer weights divided by `divisor` (float32, as the program reads it from the csv). */
function mask(weights, divisor) {
  return Float32Array.from(weights.flat(), (w) => Math.fround(w / divisor));
}
const binomial = [1, 4, 6, 4, 1];
const gaussianWeights = binomial.map((a) => binomial.map((b) => a * b)); // sums to 256
const MASKS = {
  box: () => mask(Array.from({ length: 5 }, () => [1, 1, 1, 1, 1]), 25),
  gaussian: () => mask(gaussianWeights, 256),
  // 2 * identity - gaussian: sums to 1, negative weights, results clamped at both ends.
  sharpen: () => mask(gaussianWeights.map((row, i) => row.map((w, j) => (i === 2 && j === 2 ? 512 : 0) - w)), 256),
  motion: () => mask(Array.from({ length: 5 }, (_, i) => Array.from({ length: 5 }, (_, j) => (i === j ? 1 : 0))), 5),
  emboss: () => mask([[-2, -1, 0, 0, 0], [-1, -1, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 1, 1], [0, 0, 0, 1, 2]], 1),
  random: (random) => {
    const weights = Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => Math.floor(random() * 10)));
    return mask(weights, weights.flat().reduce((a, b) => a + b, 0) || 1);
  },
};

/**
 * The reference convolution, in float32 as the GPU computes it: pixels are samples / 255 (what
 * libwb's wbImport gives), each output channel sums input * mask over i (rows) then j (columns),
 * pixels outside the image count as 0, and the sum is clamped to [0, 1]. The expected PPM holds
 * the nearest 8-bit level; the image tolerance (2 levels) absorbs the fused multiply-adds and
 * summation orders of different kernels and libwb's own float-to-byte rounding.
 */
function convolve(samples, width, height, channels, M) {
  const pixels = Float32Array.from(samples, (s) => s / 255);
  const out = new Uint8Array(samples.length);
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      for (let c = 0; c < channels; c++) {
        let sum = 0;
        for (let i = 0; i < MASK_WIDTH; i++) {
          const r = row + i - MASK_RADIUS;
          if (r < 0 || r >= height) continue;
          for (let j = 0; j < MASK_WIDTH; j++) {
            const k = col + j - MASK_RADIUS;
            if (k < 0 || k >= width) continue;
            sum = Math.fround(sum + Math.fround(pixels[(r * width + k) * channels + c] * M[i * MASK_WIDTH + j]));
          }
        }
        out[(row * width + col) * channels + c] = Math.round(Math.min(1, Math.max(0, sum)) * 255);
      }
    }
  }
  return out;
}

// [width, height, channels, mask]: sizes that are not multiples of a 16-pixel tile, one
// grayscale (P5) image so that `channels` is not taken for granted, and every kind of mask.
const IMAGES = [
  [64, 64, 3, 'box'],
  [99, 77, 3, 'gaussian'],
  [256, 200, 1, 'sharpen'],
  [333, 211, 3, 'emboss'],
  [400, 300, 3, 'motion'],
  [512, 384, 3, 'random'],
  [640, 480, 3, 'sharpen'],
];

const DATASETS = IMAGES.map(([width, height, channels, kind]) => ({
  name: `${width} x ${height} ${channels === 3 ? 'colour' : 'grayscale'}, ${kind} mask`,
  files: {
    'input0.ppm': { image: [width, height, channels] },
    'input1.csv': { matrix: [MASK_WIDTH, MASK_WIDTH] },
    'output.ppm': { image: [width, height, channels] },
  },
  build(random) {
    const rgb = syntheticImage(random, width, height);
    // Grayscale: the green channel of a colour picture.
    const samples = channels === 3 ? rgb : rgb.filter((_, i) => i % 3 === 1);
    const M = MASKS[kind](random);
    return {
      'input0.ppm': ppm(width, height, channels, samples),
      'input1.csv': csvMatrix(MASK_WIDTH, MASK_WIDTH, M, formatFloat32),
      'output.ppm': ppm(width, height, channels, convolve(samples, width, height, channels, M)),
    };
  },
}));

module.exports = { datasets: describe(DATASETS) };
if (require.main === module) generateLab(__dirname, DATASETS);
