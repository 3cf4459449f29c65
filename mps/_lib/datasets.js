'use strict';
// Helpers for the labs' dataset generators (mps/<lab>/generate.js).
//
// Generators must write byte-identical files on every run and every machine, so that a dataset
// change is always a deliberate one and shows up in review: a seeded PRNG (never Math.random),
// no dates, no locale-dependent formatting, and numbers printed exactly as float32 holds them.

const fs = require('node:fs');
const path = require('node:path');

/** A 32-bit seed from any text (FNV-1a), so each lab and dataset gets its own fixed stream. */
function seedFor(...parts) {
  let hash = 0x811c9dc5;
  for (const ch of parts.join('/')) {
    hash ^= ch.codePointAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * mulberry32: a small, fast PRNG with a 32-bit state; plenty for test data and identical on
 * every JavaScript engine because it uses only 32-bit integer operations.
 * Returns a function giving floats uniform in [0, 1).
 */
function mulberry32(seed) {
  let state = seed >>> 0;
  return function next() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A float32 uniform in [low, high] rounded to `decimals` places: short, readable dataset values. */
function uniformFloat32(random, low, high, decimals) {
  const scale = 10 ** decimals;
  const value = Math.round((low + random() * (high - low)) * scale) / scale;
  return Math.fround(value + 0); // + 0 turns a rounded -0 into 0
}

/** An integer uniform in [low, high]. */
function uniformInt(random, low, high) {
  return low + Math.floor(random() * (high - low + 1));
}

/**
 * The shortest decimal that reads back as the same float32: what libwb writes for a float, so
 * expected outputs look like program outputs ("0.3", not "0.30000001192092896").
 */
function formatFloat32(value) {
  const f = Math.fround(value);
  if (Number.isNaN(f)) return 'nan';
  if (f === Infinity) return 'inf';
  if (f === -Infinity) return '-inf';
  if (Object.is(f, -0)) return '-0';
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(f.toPrecision(digits));
    if (Math.fround(candidate) === f) return String(candidate);
  }
  return String(Number(f.toPrecision(9))); // 9 significant digits always identify a float32
}

/** libwb's raw vector: the length, then one value per line. */
function rawVector(values, format = formatFloat32) {
  let text = `${values.length}\n`;
  for (const v of values) text += `${format(v)}\n`;
  return text;
}

/** libwb's raw matrix: `rows cols`, then one row per line (values in row-major order). */
function rawMatrix(rows, cols, values, format = formatFloat32) {
  if (values.length !== rows * cols) throw new Error(`rawMatrix: ${values.length} values for ${rows} x ${cols}`);
  const lines = [`${rows} ${cols}`];
  for (let r = 0; r < rows; r++) lines.push(values.slice(r * cols, (r + 1) * cols).map(format).join(' '));
  return `${lines.join('\n')}\n`;
}

/** Removes the lab's datasets/ so that a dataset dropped from the generator does not linger. */
function resetDatasets(labDir) {
  fs.rmSync(path.join(labDir, 'datasets'), { recursive: true, force: true });
}

/** Writes datasets/<id>/<name> for each entry of `files` ({ 'input0.raw': text, ... }). */
function writeDataset(labDir, id, files) {
  const dir = path.join(labDir, 'datasets', String(id));
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, contents] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), contents);
}

module.exports = {
  seedFor,
  mulberry32,
  uniformFloat32,
  uniformInt,
  formatFloat32,
  rawVector,
  rawMatrix,
  resetDatasets,
  writeDataset,
};
