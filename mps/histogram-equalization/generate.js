'use strict';
// Writes datasets/ and datasets.sha256 for histogram-equalization:
// `node scripts/mps-generate.js histogram-equalization`. Deterministic: every run writes the same
// bytes. The names must match mp.yaml's datasets.
//
// The reference follows the description's five steps in float32 exactly as the GPU does:
// - (unsigned char)(255 * (sample / 255.0f)) gives the sample back for every 8-bit value, so
//   step 1 is exact;
// - a pixel's gray level truncates 0.21f r + 0.71f g + 0.07f b. Float rounding (or a fused
//   multiply-add) moves that sum by about 1e-5, which changes the truncated level only when the
//   exact sum is within that distance of an integer. The generator nudges such pixels (blue one
//   level up or down) until every sum is at least 0.002 away from an integer, so every correct
//   program computes the same gray image and the same histogram, exactly;
// - cdf[i] is an integer count divided by the pixel count (one float division, correctly rounded
//   in JavaScript too: a double quotient of two floats rounds to the float quotient);
// - the corrected level truncates a float expression; a program that accumulates the cdf in
//   floats instead, or writes 1.0 for 1.0f, may land one level lower or higher on some values,
//   inside the image tolerance of 2 levels.

const { ppm, generateLab, describe } = require('../_lib/datasets');
const { syntheticImage } = require('../_lib/images');

const F21 = Math.fround(0.21);
const F71 = Math.fround(0.71);
const F07 = Math.fround(0.07);
const MARGIN = 0.002;

function exactGray(r, g, b) {
  return F21 * r + F71 * g + F07 * b; // in double: exact to ~1e-13 for these magnitudes
}

/** Moves blue by one level where a pixel's gray sum is too near an integer to truncate reliably. */
function makeGrayUnambiguous(samples) {
  for (let p = 0; p < samples.length; p += 3) {
    const [r, g] = [samples[p], samples[p + 1]];
    if (r === 0 && g === 0 && samples[p + 2] === 0) continue; // 0 is exact in any arithmetic
    for (let step = 0; ; step++) {
      const sum = exactGray(r, g, samples[p + 2]);
      const fraction = sum - Math.floor(sum);
      if (fraction >= MARGIN && fraction <= 1 - MARGIN) break;
      if (step > 4) throw new Error(`histogram-equalization: cannot disambiguate pixel ${p / 3}`);
      samples[p + 2] += samples[p + 2] < 255 ? 1 : -1;
    }
  }
}

/** The five steps of the description, on 8-bit samples (r, g, b interleaved); returns 8-bit samples. */
function equalize(samples, pixels) {
  const histogram = new Array(256).fill(0);
  for (let p = 0; p < samples.length; p += 3) {
    const gray = Math.trunc(Math.fround(Math.fround(Math.fround(F21 * samples[p]) + Math.fround(F71 * samples[p + 1])) + Math.fround(F07 * samples[p + 2])));
    if (gray !== Math.trunc(exactGray(samples[p], samples[p + 1], samples[p + 2]))) throw new Error('gray level not unambiguous');
    histogram[gray]++;
  }
  const cdf = new Float32Array(256);
  let count = 0;
  let cdfmin = -1;
  for (let i = 0; i < 256; i++) {
    count += histogram[i];
    cdf[i] = count / pixels;
    if (cdfmin < 0 && count > 0) cdfmin = cdf[i];
  }
  if (!(cdfmin < 1)) throw new Error('histogram-equalization: the image has a single gray level');
  const low = Math.fround(cdfmin);
  const span = Math.fround(1 - low);
  const corrected = new Uint8Array(256);
  for (let level = 0; level < 256; level++) {
    const value = Math.fround(Math.fround(255 * Math.fround(cdf[level] - low)) / span);
    corrected[level] = Math.trunc(Math.min(Math.max(value, 0), 255));
  }
  // (float)corrected / 255 is written back as exactly `corrected` (see above): the output PPM
  // holds the corrected levels themselves.
  return samples.map((s) => corrected[s]);
}

// [width, height, lowest level, highest level]: washed-out, dark and bright pictures, sizes that
// are not multiples of a block.
const IMAGES = [
  [64, 64, 60, 160],
  [99, 77, 0, 90],
  [256, 200, 150, 255],
  [333, 211, 40, 140],
  [400, 300, 80, 200],
  [512, 384, 20, 120],
  [640, 480, 100, 180],
];

const DATASETS = IMAGES.map(([width, height, low, high]) => ({
  name: `${width} x ${height}, levels ${low}-${high}`,
  files: { 'input0.ppm': { image: [width, height, 3] }, 'output.ppm': { image: [width, height, 3] } },
  build(random) {
    const samples = syntheticImage(random, width, height, { low, high });
    makeGrayUnambiguous(samples);
    return {
      'input0.ppm': ppm(width, height, 3, samples),
      'output.ppm': ppm(width, height, 3, equalize(samples, width * height)),
    };
  },
}));

module.exports = { datasets: describe(DATASETS) };
if (require.main === module) generateLab(__dirname, DATASETS);
