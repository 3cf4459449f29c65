'use strict';
// Helpers for the labs' dataset generators (mps/<lab>/generate.js).
//
// Datasets are build artefacts, not committed: each lab commits `datasets.sha256` instead, and
// `node scripts/mps-generate.js --check` proves that regenerating gives the same bytes. So
// generators must write byte-identical files on every run and every machine: a seeded PRNG (never
// Math.random), no dates, no locale-dependent formatting, no transcendental functions (Math.sin
// and friends may differ between JavaScript engines; + - * / and sqrt are exact IEEE operations),
// and numbers printed exactly as float32 holds them or rounded by toFixed.

const crypto = require('node:crypto');
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

// Exact constants rather than 10 ** n: Math.pow is only "implementation-approximated".
const POWERS_OF_TEN = [1, 10, 100, 1000, 10000, 100000, 1000000];

/** A float32 uniform in [low, high] rounded to `decimals` places: short, readable dataset values. */
function uniformFloat32(random, low, high, decimals) {
  const scale = POWERS_OF_TEN[decimals];
  const value = Math.round((low + random() * (high - low)) * scale) / scale;
  return Math.fround(value + 0); // + 0 turns a rounded -0 into 0
}

/** An integer uniform in [low, high]. */
function uniformInt(random, low, high) {
  return low + Math.floor(random() * (high - low + 1));
}

/** Below this, a float32 holds every multiple of 0.5 exactly. */
const EXACT_HALVES_LIMIT = 8388608; // 2^23: 24 significant bits, one of them for the half

/**
 * `size` halves in [-5, 5] and their sum, for the reduction labs, whose programs may add in any
 * order: while the sum of the magnitudes stays below 2^23, every partial sum in every order is
 * exact in float32, so every correct program gets exactly the expected total. Redrawn in the
 * rare case the sum is so near 0 that an all-zero answer would pass.
 */
function exactSumHalves(random, size) {
  let values;
  let sum;
  do {
    values = Array.from({ length: size }, () => uniformInt(random, -10, 10) / 2);
    sum = values.reduce((a, b) => a + b, 0);
  } while (Math.abs(sum) < 1);
  const magnitude = values.reduce((a, b) => a + Math.abs(b), 0);
  if (magnitude >= EXACT_HALVES_LIMIT) throw new Error(`exactSumHalves: the sum of |x| is ${magnitude}, not below 2^23`);
  return { values, sum };
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
  if (Number.isInteger(f) && Math.abs(f) < 1e21) return String(f);
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Number(f.toPrecision(digits));
    if (Math.fround(candidate) === f) return String(candidate);
  }
  return String(Number(f.toPrecision(9))); // 9 significant digits always identify a float32
}

/**
 * A value rounded to `decimals` places, trailing zeros dropped ("12.5", "-3", "0.125"). For
 * expected outputs that are sums of many products: the float32 result rounded to a few decimals
 * is as good a reference as its 9-digit form (the tolerance is 0.2) and much shorter to store.
 */
function formatRounded(decimals) {
  return (value) => {
    const text = String(Number(value.toFixed(decimals)));
    return text === '-0' ? '0' : text;
  };
}

/** Integers, as libwb's "Integer" files hold them. */
function formatInt(value) {
  if (!Number.isInteger(value)) throw new Error(`formatInt: ${value} is not an integer`);
  return String(value);
}

/** libwb's raw vector: the length, then one value per line. */
function rawVector(values, format = formatFloat32) {
  const lines = new Array(values.length + 1);
  lines[0] = String(values.length);
  for (let i = 0; i < values.length; i++) lines[i + 1] = format(values[i]);
  return `${lines.join('\n')}\n`;
}

/** libwb's raw matrix: `rows cols`, then one row per line (values in row-major order). */
function rawMatrix(rows, cols, values, format = formatFloat32) {
  if (values.length !== rows * cols) throw new Error(`rawMatrix: ${values.length} values for ${rows} x ${cols}`);
  const lines = new Array(rows + 1);
  lines[0] = `${rows} ${cols}`;
  const row = new Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) row[c] = format(values[r * cols + c]);
    lines[r + 1] = row.join(' ');
  }
  return `${lines.join('\n')}\n`;
}

/** CSV as libwb reads it: no header, one matrix row per line, values separated by commas. */
function csvMatrix(rows, cols, values, format = formatFloat32) {
  if (values.length !== rows * cols) throw new Error(`csvMatrix: ${values.length} values for ${rows} x ${cols}`);
  const lines = [];
  for (let r = 0; r < rows; r++) lines.push(Array.from(values.slice(r * cols, (r + 1) * cols), format).join(','));
  return `${lines.join('\n')}\n`;
}

/**
 * A binary PPM (P6 for 3 channels, P5 for 1) from 8-bit samples interleaved as
 * `(y * width + x) * channels + c`: the image format libwb reads with wbImport(file).
 */
function ppm(width, height, channels, samples) {
  if (channels !== 1 && channels !== 3) throw new Error(`ppm: ${channels} channels (1 or 3)`);
  if (samples.length !== width * height * channels) throw new Error(`ppm: ${samples.length} samples for ${width} x ${height} x ${channels}`);
  const header = Buffer.from(`${channels === 3 ? 'P6' : 'P5'}\n${width} ${height}\n255\n`, 'latin1');
  return Buffer.concat([header, Buffer.from(Uint8Array.from(samples))]);
}

// ---------------------------------------------------------------------------------------------
// Running a generator
// ---------------------------------------------------------------------------------------------

/**
 * Where a generator writes: its lab folder, or `<dir>` when run as `generate.js --out <dir>`
 * (what `mps-generate.js --check` does, to compare a fresh generation with datasets.sha256).
 */
function outputRoot(labDir) {
  const at = process.argv.indexOf('--out');
  if (at < 0) return labDir;
  const dir = process.argv[at + 1];
  if (!dir) throw new Error('--out needs a directory');
  return path.resolve(dir);
}

/** The value of `--<name> <value>` on the command line, or undefined. */
function option(name) {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return undefined;
  const value = process.argv[at + 1];
  if (value === undefined) throw new Error(`--${name} needs a value`);
  return value;
}

/**
 * `--seed <n> --dataset <id>`: one dataset built from the recipe of dataset <id> but a stream of
 * its own, for a timed run's fresh inputs (the worker picks a new seed per run, so no answer can
 * be known in advance). Written as `datasets/<id>/` under --out; no digests, no marker.
 */
function freshRequest() {
  const seed = option('seed');
  if (seed === undefined) return undefined;
  if (!/^\d{1,10}$/.test(seed)) throw new Error(`--seed must be a whole number, not ${JSON.stringify(seed)}`);
  const dataset = option('dataset');
  if (dataset === undefined || !/^\d+$/.test(dataset)) throw new Error('--seed needs --dataset <id>');
  return { seed: Number(seed), dataset: Number(dataset) };
}

/** sha256sum-style lines (`<hash>  datasets/<id>/<file>`), sorted by path, for every dataset file. */
function datasetDigests(root) {
  const base = path.join(root, 'datasets');
  const files = [];
  for (const id of fs.readdirSync(base)) {
    const dir = path.join(base, id);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const name of fs.readdirSync(dir)) files.push(`datasets/${id}/${name}`);
  }
  files.sort();
  return files.map((file) => `${crypto.createHash('sha256').update(fs.readFileSync(path.join(root, file))).digest('hex')}  ${file}`);
}

/** The marker written once every dataset is: its absence means a missing or interrupted generation. */
const COMPLETE_MARKER = '.complete';

/**
 * Writes a lab's datasets: `datasets/<id>/<file>` for each entry of `datasets` (its index is its
 * id), then `datasets.sha256` beside them and the completion marker.
 *
 * Each entry is `{ name, files, build }`: `name` as mp.yaml names the dataset, `files` the
 * intended shape of every file (checked by scripts/mps-check.js: `{ vector: n }`,
 * `{ vector: n, integer: true }`, `{ matrix: [rows, cols] }`, `{ image: [width, height, channels] }`),
 * and `build(random)` returning `{ '<file>': string | Buffer }` from the dataset's own PRNG stream.
 */
function generateLab(labDir, datasets) {
  const lab = path.basename(labDir);
  const root = outputRoot(labDir);
  const fresh = freshRequest();
  if (fresh) return generateFresh(lab, root, datasets, fresh);
  const started = process.hrtime.bigint();
  fs.rmSync(path.join(root, 'datasets'), { recursive: true, force: true });
  let bytes = 0;
  datasets.forEach((dataset, id) => {
    const files = dataset.build(mulberry32(seedFor(lab, id)));
    const expected = Object.keys(dataset.files).sort().join(', ');
    if (Object.keys(files).sort().join(', ') !== expected) {
      throw new Error(`${lab}: dataset ${id} built ${Object.keys(files).join(', ')}, but its description says ${expected}`);
    }
    const dir = path.join(root, 'datasets', String(id));
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, contents] of Object.entries(files)) {
      fs.writeFileSync(path.join(dir, name), contents);
      bytes += Buffer.byteLength(contents);
    }
  });
  fs.writeFileSync(path.join(root, 'datasets.sha256'), `${datasetDigests(root).join('\n')}\n`);
  fs.writeFileSync(path.join(root, 'datasets', COMPLETE_MARKER), '');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`${lab}: ${datasets.length} datasets, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s`);
}

function generateFresh(lab, root, datasets, { seed, dataset: id }) {
  const dataset = datasets[id];
  if (!dataset) throw new Error(`${lab}: no dataset ${id}`);
  const dir = path.join(root, 'datasets', String(id));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, contents] of Object.entries(dataset.build(mulberry32(seedFor(lab, id, 'fresh', seed))))) {
    fs.writeFileSync(path.join(dir, name), contents);
  }
}

/** What scripts/mps-check.js reads from a generator module: the datasets without building them. */
function describe(datasets) {
  return datasets.map(({ name, files }, id) => ({ id, name, files }));
}

module.exports = {
  seedFor,
  mulberry32,
  uniformFloat32,
  uniformInt,
  exactSumHalves,
  formatFloat32,
  formatRounded,
  formatInt,
  rawVector,
  rawMatrix,
  csvMatrix,
  ppm,
  outputRoot,
  datasetDigests,
  COMPLETE_MARKER,
  generateLab,
  describe,
};
