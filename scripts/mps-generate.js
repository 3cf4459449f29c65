'use strict';
// Generates the labs' datasets, which are build artefacts (never committed): each lab's
// generate.js writes mps/<lab>/datasets/ and mps/<lab>/datasets.sha256.
//
//   node scripts/mps-generate.js [lab...]          every lab (or the ones named)
//   node scripts/mps-generate.js --stale [lab...]  only labs whose datasets are missing, were left
//                                                  half-written, or are older than their generator
//   node scripts/mps-generate.js --check [lab...]  regenerates into a temporary folder and checks
//                                                  every file against the committed datasets.sha256
//                                                  (the determinism test); exit 1 names the first
//                                                  differing file
//
// Plain Node, no dependencies: it runs on a fresh clone, before `npm ci`.
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const MPS = path.join(ROOT, 'mps');
const LIB = path.join(MPS, '_lib');
const COMPLETE_MARKER = '.complete'; // as mps/_lib/datasets.js writes it

/** Lab folders with a generator; `_`-prefixed folders are shared code, not labs. */
function allLabs() {
  return fs
    .readdirSync(MPS, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('_') && fs.existsSync(path.join(MPS, e.name, 'generate.js')))
    .map((e) => e.name)
    .sort();
}

function selectLabs(names) {
  const labs = allLabs();
  for (const name of names) {
    if (!labs.includes(name)) throw new Error(`no lab "${name}" with a generate.js under mps/ (labs: ${labs.join(', ')})`);
  }
  return names.length > 0 ? names : labs;
}

/** Runs one generator; returns its output, or throws with it when it fails. */
function runGenerator(lab, extraArgs = []) {
  const result = spawnSync(process.execPath, [path.join(MPS, lab, 'generate.js'), ...extraArgs], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`${lab}: generate.js failed (${result.signal ?? `exit ${result.status}`})\n${result.stdout}${result.stderr}`);
  }
  return result.stdout.trim();
}

function mtime(file) {
  return fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
}

/** Whether a lab's datasets must be (re)generated: missing, half-written, or older than what writes them. */
function isStale(lab) {
  const marker = path.join(MPS, lab, 'datasets', COMPLETE_MARKER);
  if (!fs.existsSync(marker) || !fs.existsSync(path.join(MPS, lab, 'datasets.sha256'))) return true;
  const sources = [path.join(MPS, lab, 'generate.js'), ...fs.readdirSync(LIB).map((f) => path.join(LIB, f))];
  return sources.some((file) => mtime(file) > mtime(marker));
}

function sha256(file) {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** `{ 'datasets/0/input0.raw': hash }` from a datasets.sha256 file. */
function readDigests(file) {
  const digests = new Map();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const match = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
    if (!match) throw new Error(`${path.relative(ROOT, file)}: not a sha256sum line: ${JSON.stringify(line)}`);
    digests.set(match[2], match[1]);
  }
  return digests;
}

/** Every dataset file under `root/datasets`, as `datasets/<id>/<file>` paths. */
function listDatasetFiles(root) {
  const base = path.join(root, 'datasets');
  const files = [];
  for (const id of fs.readdirSync(base)) {
    if (!fs.statSync(path.join(base, id)).isDirectory()) continue;
    for (const name of fs.readdirSync(path.join(base, id))) files.push(`datasets/${id}/${name}`);
  }
  return files.sort();
}

/**
 * Compares the files under `root/datasets` with a datasets.sha256; returns the first problem, or
 * null when every file is there with the recorded bytes and nothing else is.
 */
function compareWithDigests(lab, root, digestFile) {
  if (!fs.existsSync(digestFile)) return `${lab}: ${path.relative(ROOT, digestFile)} is missing (run node scripts/mps-generate.js ${lab})`;
  const digests = readDigests(digestFile);
  const files = listDatasetFiles(root);
  for (const file of files) {
    if (!digests.has(file)) return `${lab}: ${file} is not listed in datasets.sha256`;
    if (sha256(path.join(root, file)) !== digests.get(file)) return `${lab}: ${file} differs from datasets.sha256`;
  }
  for (const file of digests.keys()) {
    if (!files.includes(file)) return `${lab}: ${file} (listed in datasets.sha256) was not generated`;
  }
  return null;
}

function check(labs) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-mps-check-'));
  try {
    for (const lab of labs) {
      const out = path.join(tmp, lab);
      const started = Date.now();
      runGenerator(lab, ['--out', out]);
      const problem = compareWithDigests(lab, out, path.join(MPS, lab, 'datasets.sha256'));
      if (problem) {
        console.error(`FAIL ${problem}`);
        console.error(
          'A generator must write the same bytes on every run. If the change is deliberate, regenerate ' +
            `(node scripts/mps-generate.js ${lab}) and commit the new datasets.sha256.`,
        );
        return 1;
      }
      console.log(`ok   ${lab}: ${listDatasetFiles(out).length} files identical to datasets.sha256 (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      fs.rmSync(out, { recursive: true, force: true });
    }
    return 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function generate(labs, onlyStale) {
  const started = Date.now();
  let count = 0;
  for (const lab of labs) {
    if (onlyStale && !isStale(lab)) continue;
    console.log(runGenerator(lab));
    count++;
  }
  if (!onlyStale || count > 0) console.log(`generated ${count} lab(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

function main(argv) {
  const flags = argv.filter((a) => a.startsWith('--'));
  const names = argv.filter((a) => !a.startsWith('--'));
  const unknown = flags.filter((f) => f !== '--check' && f !== '--stale');
  if (unknown.length > 0) throw new Error(`unknown option ${unknown[0]} (options: --check, --stale)`);
  const labs = selectLabs(names);
  if (flags.includes('--check')) return check(labs);
  return generate(labs, flags.includes('--stale'));
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    console.error(err.message);
    process.exitCode = 1;
  }
}

module.exports = { allLabs, isStale, compareWithDigests, listDatasetFiles, readDigests };
