'use strict';
// Synthetic test pictures for the image labs: a shaded background, overlapping discs and boxes,
// and a little grain, so that a blur, an edge or a wrong channel order is visible when a student
// opens the output. Only exact arithmetic (+ - * / and comparisons), so every machine draws the
// same bytes (see datasets.js).

const { uniformInt } = require('./datasets');

/**
 * An RGB image as 8-bit samples interleaved `(y * width + x) * 3 + c`, every sample within
 * [low, high] (a narrow range gives the washed-out picture histogram equalization is for).
 */
function syntheticImage(random, width, height, { low = 0, high = 255, shapes = 12, grain = 6 } = {}) {
  const span = high - low;
  // Background: a bilinear blend of four random corner colours.
  const corners = Array.from({ length: 4 }, () => [0, 1, 2].map(() => random()));
  const figures = Array.from({ length: shapes }, () => ({
    disc: random() < 0.5,
    cx: random() * width,
    cy: random() * height,
    size: (0.05 + random() * 0.25) * Math.min(width, height),
    aspect: 0.5 + random(),
    colour: [0, 1, 2].map(() => random()),
    opacity: 0.5 + random() * 0.5,
  }));
  const samples = new Uint8Array(width * height * 3);
  const pixel = [0, 0, 0];
  for (let y = 0; y < height; y++) {
    const v = height > 1 ? y / (height - 1) : 0;
    for (let x = 0; x < width; x++) {
      const u = width > 1 ? x / (width - 1) : 0;
      for (let c = 0; c < 3; c++) {
        pixel[c] =
          (1 - u) * (1 - v) * corners[0][c] + u * (1 - v) * corners[1][c] + (1 - u) * v * corners[2][c] + u * v * corners[3][c];
      }
      for (const f of figures) {
        const dx = (x - f.cx) / f.size;
        const dy = (y - f.cy) / (f.size * f.aspect);
        const inside = f.disc ? dx * dx + dy * dy <= 1 : Math.abs(dx) <= 1 && Math.abs(dy) <= 1;
        if (!inside) continue;
        for (let c = 0; c < 3; c++) pixel[c] = pixel[c] * (1 - f.opacity) + f.colour[c] * f.opacity;
      }
      const at = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) {
        const value = Math.round(low + pixel[c] * span) + uniformInt(random, -grain, grain);
        samples[at + c] = Math.min(high, Math.max(low, value));
      }
    }
  }
  return samples;
}

module.exports = { syntheticImage };
