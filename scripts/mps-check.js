'use strict';
// Checks every lab under mps/ (`npm run mps:check`):
//
//   - its datasets exist (generated when missing or stale) and match its datasets.sha256;
//   - its mp.yaml loads with the platform's own catalogue loader (the built one under dist/);
//   - lab rules the loader does not know: the generator and mp.yaml list the same datasets, the
//     points add up to 100, public and hidden datasets, //@@ markers, includes, keywords;
//   - every dataset file parses with the platform's comparator parsers and has the shape the
//     generator meant;
//   - the solution and the template compile against libwb exactly as a worker compiles them
//     (the platform's toolchain table gives the compiler, flags and libraries; at most 2
//     compilers at a time, results cached under dist/mps-check/);
//   - where the lab can run here (CPU toolchains always; GPU ones with --run-cuda, or when
//     nvidia-smi lists a GPU), the solution passes every dataset and the template passes none,
//     both by libwb's local check (-e) and by the platform's comparator on the -o output;
//   - with --emulate-cuda on a machine without a GPU, the same for the CUDA labs, run on the CPU
//     by test/labs/cuda-emu (a test aid: it checks the labs' logic, not their GPU behaviour).
//
//   node scripts/mps-check.js [lab...] [--run-cuda | --emulate-cuda [--sanitize]] [--no-run]
//
// --sanitize builds the emulated programs with AddressSanitizer and UBSan: an out-of-bounds
// access in a kernel then fails the run (slower).
//
// Needs the TypeScript build (npm run build) for the loader, the comparator and the toolchain
// table, and builds libwb (make -C libs/libwb, plus `make cuda` where nvcc exists). Exit 1 on
// any failure.
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { allLabs, isStale, compareWithDigests } = require('./mps-generate');
const emulator = require('../test/labs/cuda-emu/emulate');

const ROOT = path.join(__dirname, '..');
const MPS = path.join(ROOT, 'mps');
const LIBWB = path.join(ROOT, 'libs', 'libwb');
const CACHE = path.join(ROOT, 'dist', 'mps-check');
const MAX_PARALLEL = 2;
// Generous next to the 3 s limit: this machine may be busy, and PoCL compiles each kernel cold.
const RUN_TIMEOUT_MS = 60_000;
const EMULATED_RUN_TIMEOUT_MS = 300_000; // kernels emulated on one CPU core: slow, but bounded
const COMPILE_TIMEOUT_MS = 180_000;

// Used only when the build has no keyword checker (libs/judge/src/keywords) yet: a few of the
// names it rejects.
const FALLBACK_FORBIDDEN = ['exit', 'abort', 'system', 'fork', 'vfork', 'execv', 'execve', 'execl', 'popen', 'fopen', 'asm', '__asm__'];

// ---------------------------------------------------------------------------------------------
// The platform's own code, from the TypeScript build
// ---------------------------------------------------------------------------------------------

function loadPlatform() {
  // Both libraries from one app's build, so that the loader and the comparator are of one version.
  const libs = ['gateway', 'gpu-worker', 'grader', 'notifier']
    .map((app) => path.join(ROOT, 'dist', 'apps', app, 'libs'))
    .find(
      (dir) =>
        fs.existsSync(path.join(dir, 'common', 'src', 'catalogue', 'mp-loader.js')) &&
        fs.existsSync(path.join(dir, 'judge', 'src', 'compare', 'index.js')),
    );
  if (!libs) {
    throw new Error(
      'mps-check needs the built catalogue loader (dist/apps/*/libs/common) and comparator (dist/apps/*/libs/judge): run `npm run build` first',
    );
  }
  const common = path.join(libs, 'common', 'src');
  const judge = path.join(libs, 'judge', 'src');
  require('reflect-metadata'); // class-transformer's decorators need it, as the apps load it first
  const keywordsModule = path.join(judge, 'keywords', 'index.js');
  toolchains = require(path.join(common, 'toolchains', 'toolchain-specs.js'));
  return {
    loadMp: require(path.join(common, 'catalogue', 'mp-loader.js')).loadMp,
    compare: require(path.join(judge, 'compare', 'index.js')),
    keywords: fs.existsSync(keywordsModule) ? require(keywordsModule) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

function commandExists(command, args = ['--version']) {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

function hasGpu() {
  const result = spawnSync('nvidia-smi', ['-L'], { encoding: 'utf8' });
  return result.status === 0 && /GPU \d+:/.test(result.stdout);
}

/** Runs a command; resolves with { code, signal, stdout, stderr, ms, timedOut }. */
function exec(command, args, { cwd = ROOT, timeoutMs, env } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const cap = (text, chunk) => (text.length < 1 << 20 ? text + chunk : text);
    child.stdout.on('data', (d) => (stdout = cap(stdout, d.toString())));
    child.stderr.on('data', (d) => (stderr = cap(stderr, d.toString())));
    const timer = timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, timeoutMs)
      : null;
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: -1, signal: null, stdout, stderr: `${stderr}${err.message}`, ms: Date.now() - started, timedOut });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started, timedOut });
    });
  });
}

/** Runs async tasks with at most `limit` in flight; resolves with their results in order. */
async function pool(tasks, limit) {
  const results = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

function sha256(...parts) {
  const hash = crypto.createHash('sha256');
  for (const part of parts) hash.update(typeof part === 'string' ? part : JSON.stringify(part)).update('\0');
  return hash.digest('hex');
}

function lastLines(text, n = 12) {
  return text.trim().split('\n').slice(-n).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Source code: includes and identifiers outside comments and strings
// ---------------------------------------------------------------------------------------------

function includesOf(source) {
  return [...source.matchAll(/^\s*#\s*include\s*[<"]([^>"]+)[>"]/gm)].map((m) => m[1]);
}

/** The identifiers of C/C++/CUDA source, with comments, string, raw-string and char literals removed. */
function identifiersOf(source) {
  const code = source
    .replace(/R"([^(\s]{0,16})\(([\s\S]*?)\)\1"/g, ' ')
    .replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, ' ');
  return new Set(code.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
}

// ---------------------------------------------------------------------------------------------
// The checks of one lab
// ---------------------------------------------------------------------------------------------

/** The platform's toolchain table (libs/common/src/toolchains), as built: loaded by loadPlatform(). */
let toolchains = null;

/** The extension of a toolchain's sources: template.cu, solution.cpp, … */
function sourceExtension(toolchain) {
  return path.extname(toolchains.toolchainSpec(toolchain).sourceFile);
}

/** A toolchain whose programs run on a GPU: they run here only with one (or emulated, for CUDA). */
function onGpu(toolchain) {
  return toolchains.toolchainSpec(toolchain).device === 'gpu';
}

/** Datasets on disk: generated when missing or stale, then compared with datasets.sha256. */
function checkDatasetFiles(lab) {
  if (isStale(lab)) {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'mps-generate.js'), lab], { cwd: ROOT, encoding: 'utf8' });
    if (result.status !== 0) return [`generating the datasets failed: ${lastLines(result.stdout + result.stderr)}`];
  }
  const problem = compareWithDigests(lab, path.join(MPS, lab), path.join(MPS, lab, 'datasets.sha256'));
  return problem ? [`${problem} (regenerate: node scripts/mps-generate.js ${lab})`] : [];
}

/** The identifiers the platform's scanner sees in a source (its own scanner when built). */
function codeIdentifiers(keywords, source) {
  if (!keywords) return identifiersOf(source);
  return new Set(keywords.scanSource(source).filter((t) => t.kind === 'identifier').map((t) => t.name));
}

function checkRules(lab, mp, generated, keywords) {
  const problems = [];
  const { config } = mp;
  const dir = path.join(MPS, lab);

  // mp.yaml and the generator describe the same datasets.
  const configured = config.datasets.map((d) => `${d.id}: ${d.name}`);
  const written = generated.map((d) => `${d.id}: ${d.name}`);
  if (configured.join('\n') !== written.join('\n')) {
    problems.push(`mp.yaml's datasets [${configured.join('; ')}] differ from generate.js's [${written.join('; ')}]`);
  }
  if (config.datasets.length < 6) problems.push(`only ${config.datasets.length} datasets (at least 6)`);
  if (!config.datasets.some((d) => d.hidden)) problems.push('no hidden dataset (some are for grading only)');
  if (!config.datasets.some((d) => !d.hidden)) problems.push('no public dataset');
  const points = config.datasets.reduce((sum, d) => sum + d.points, 0) + config.keywords.require.reduce((sum, k) => sum + k.points, 0);
  if (points !== 100) problems.push(`datasets and required keywords give ${points} points, not 100`);

  // Sources: names, markers, includes, keywords.
  const extension = sourceExtension(config.toolchain);
  const template = path.join(dir, `template${extension}`);
  const solution = path.join(dir, `solution${extension}`);
  for (const file of [template, solution]) {
    if (!fs.existsSync(file)) problems.push(`${path.basename(file)} is missing (a ${config.toolchain} lab's sources end in ${extension})`);
  }
  if (problems.some((p) => p.endsWith(`${extension})`))) return problems;
  const sources = { template: fs.readFileSync(template, 'utf8'), solution: fs.readFileSync(solution, 'utf8') };
  if (!sources.template.includes('//@@')) problems.push('the template has no //@@ marker');

  // A lab that narrows its headers (includes_only) must allow what its sources include; either
  // way, what it lists beyond the defaults must be used. The keyword check below applies the rest.
  const listed = new Set(config.includes);
  const used = new Set();
  for (const [name, source] of Object.entries(sources)) {
    for (const header of includesOf(source)) {
      used.add(header);
      if (config.includes_only && !listed.has(header))
        problems.push(`the ${name} includes <${header}>, which mp.yaml's includes do not allow`);
    }
  }
  for (const header of listed) if (!used.has(header)) problems.push(`mp.yaml allows <${header}>, which neither source includes`);

  // The worker's own keyword check (forbidden names, allowed headers) must let both through.
  for (const [name, source] of Object.entries(sources)) {
    if (keywords) {
      const verdict = keywords.checkKeywords(source, {
        forbid: config.keywords.forbid,
        includes: config.includes,
        includesOnly: config.includes_only,
        toolchainHeaders: toolchains.toolchainSpec(config.toolchain).headers,
      });
      if (!verdict.ok) problems.push(`the worker's keyword check rejects the ${name}: ${verdict.message}`);
    } else {
      const identifiers = identifiersOf(source);
      for (const word of [...FALLBACK_FORBIDDEN, ...config.keywords.forbid]) {
        if (identifiers.has(word)) problems.push(`the ${name} uses the forbidden keyword ${word}`);
      }
    }
  }
  for (const { keyword } of config.keywords.require) {
    if (!codeIdentifiers(keywords, sources.solution).has(keyword)) problems.push(`the solution lacks the required keyword ${keyword}`);
    if (codeIdentifiers(keywords, sources.template).has(keyword)) {
      problems.push(`the template already has the required keyword ${keyword} (its points would be free)`);
    }
  }

  const expectedExt = path.extname(mp.datasets[0]?.expected ?? '');
  if (config.output_type === 'image' && expectedExt !== '.ppm') problems.push('an image lab needs output.ppm files');
  if (config.output_type !== 'image' && expectedExt === '.ppm') problems.push(`output.ppm with output_type ${config.output_type}`);
  return problems;
}

function describeShape(shape) {
  if (shape.vector !== undefined) return `a vector of ${shape.vector}${shape.integer ? ' integers' : ''}`;
  if (shape.matrix) return `a ${shape.matrix[0]} x ${shape.matrix[1]} matrix`;
  if (shape.image) return `a ${shape.image[0]} x ${shape.image[1]} image with ${shape.image[2]} channel(s)`;
  return JSON.stringify(shape);
}

/** Parses one dataset file with the comparator's parsers; returns a problem or null. */
function checkFile(compare, file, shape) {
  const bytes = fs.readFileSync(file);
  let parsed;
  try {
    parsed = file.endsWith('.ppm') ? compare.parsePpm(bytes) : compare.parseNumeric(bytes, compare.numericFormatOf(file));
  } catch (err) {
    return `does not parse: ${err.message}`;
  }
  let ok;
  if (shape.image) {
    ok = parsed.width === shape.image[0] && parsed.height === shape.image[1] && parsed.channels === shape.image[2];
  } else if (shape.matrix) {
    ok = parsed.rows === shape.matrix[0] && parsed.cols === shape.matrix[1];
  } else {
    ok = parsed.rows === shape.vector && parsed.cols === 1;
    if (ok && shape.integer && !parsed.values.every(Number.isInteger)) return 'holds non-integer values, expected integers';
  }
  if (!ok) {
    const found = shape.image ? `${parsed.width} x ${parsed.height} x ${parsed.channels}` : `${parsed.rows} x ${parsed.cols}`;
    return `is ${found}, expected ${describeShape(shape)}`;
  }
  if (!shape.image && !parsed.values.every(Number.isFinite)) return 'holds a value that is not a finite number';
  return null;
}

function checkDatasets(compare, mp, generated) {
  const problems = [];
  for (const dataset of mp.datasets) {
    const described = generated.find((d) => d.id === dataset.id);
    if (!described) continue; // reported by checkRules
    const files = [...dataset.inputs, dataset.expected].map((f) => path.basename(f));
    const intended = Object.keys(described.files);
    if ([...files].sort().join() !== [...intended].sort().join()) {
      problems.push(`dataset ${dataset.id}: has ${files.join(', ')}, the generator meant ${intended.join(', ')}`);
      continue;
    }
    for (const name of files) {
      const problem = checkFile(compare, path.join(dataset.dir, name), described.files[name]);
      if (problem) problems.push(`dataset ${dataset.id}: ${name} ${problem}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Compiling and running
// ---------------------------------------------------------------------------------------------

/** The worker's compile command: the same table, the same order. */
function compileCommand(toolchain, flags, source, binary) {
  return toolchains.compileArgs(toolchain, { libwb: LIBWB, source, binary }, flags);
}

// Cache entries used by this run, by kind (`native`, `emulated`, `emulated-sanitized`).
const usedCacheEntries = new Map();

/**
 * After a run over every lab: drops the cached builds of the kinds it built that it did not use
 * (older sources, an older libwb), so the cache does not grow with every libwb change.
 */
function pruneCache() {
  for (const [kind, used] of usedCacheEntries) {
    const dir = path.join(CACHE, kind);
    for (const entry of fs.readdirSync(dir)) {
      if (!used.has(entry)) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
    }
  }
}

/**
 * Compiles into the cache; resolves with { ok, binary, output, ms, cached }. `emulated`: a CUDA
 * program rewritten for test/labs/cuda-emu and built with g++ against the plain libwb.
 */
async function compile(toolchain, flags, sourceFile, emulated = false, sanitize = false) {
  const original = fs.readFileSync(sourceFile, 'utf8');
  const source = emulated ? emulator.rewriteLaunches(original) : original;
  const archivePath = path.join(LIBWB, 'build', emulated ? 'libwb.a' : toolchains.toolchainSpec(toolchain).libwbArchive);
  const archive = fs.statSync(archivePath);
  const header = fs.readFileSync(path.join(LIBWB, 'include', 'wb.h'), 'utf8');
  const emulatorHeader = emulated ? fs.readFileSync(emulator.HEADER, 'utf8') : '';
  const key = sha256(toolchain, emulated, sanitize, flags, source, header, emulatorHeader, `${archive.size}:${archive.mtimeMs}`).slice(0, 24);
  const kind = emulated ? (sanitize ? 'emulated-sanitized' : 'emulated') : 'native';
  const kindDir = path.join(CACHE, kind);
  const dir = path.join(kindDir, key);
  const binary = path.join(dir, 'program');
  if (!usedCacheEntries.has(kind)) usedCacheEntries.set(kind, new Set());
  usedCacheEntries.get(kind).add(key);
  if (fs.existsSync(binary)) return { ok: true, binary, output: '', ms: 0, cached: true };

  fs.mkdirSync(kindDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(kindDir, 'build-'));
  // The worker saves the program as program.cu / program.cpp before compiling: so does this.
  const copy = path.join(work, `program${path.extname(sourceFile)}`);
  fs.writeFileSync(copy, source);
  const { command, args } = emulated
    ? { command: 'g++', args: emulator.emulatedCompileArgs(LIBWB, copy, path.join(work, 'program'), { sanitize }) }
    : compileCommand(toolchain, flags, copy, path.join(work, 'program'));
  const result = await exec(command, args, { cwd: work, timeoutMs: COMPILE_TIMEOUT_MS });
  const output = (result.stdout + result.stderr).replaceAll(copy, path.relative(ROOT, sourceFile));
  if (result.code !== 0) {
    fs.rmSync(work, { recursive: true, force: true });
    return { ok: false, binary: null, output: result.timedOut ? 'the compiler timed out' : output, ms: result.ms, cached: false };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(work, dir);
  return { ok: true, binary, output, ms: result.ms, cached: false };
}

/** Names from libwb's original API that this lab's sources use but wb.h does not declare yet. */
function missingLibwbApi(sourceFiles) {
  const header = fs.readFileSync(path.join(LIBWB, 'include', 'wb.h'), 'utf8');
  const api = ['wbImage_t', 'wbImage_new', 'wbImage_delete', 'wbImage_getWidth', 'wbImage_getHeight', 'wbImage_getChannels', 'wbImage_getData', 'wbImport_flag'];
  const used = new Set(sourceFiles.flatMap((f) => [...identifiersOf(fs.readFileSync(f, 'utf8'))]));
  return api.filter((name) => used.has(name) && !header.includes(name));
}

/**
 * Runs a compiled program on every dataset in libwb's local mode (-e) with -o as well, so that
 * both libwb's verdict line and the platform's comparator judge the same run.
 */
async function runDatasets(compare, mp, binary, which, timeoutMs = RUN_TIMEOUT_MS) {
  // The worker's box sets the toolchain's environment for every run: so does this.
  const env = { ...process.env, ...toolchains.toolchainSpec(mp.config.toolchain).runEnv };
  const results = [];
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), `wb-mps-${mp.config.id}-`));
  try {
    for (const dataset of mp.datasets) {
      const out = path.join(outDir, `output-${dataset.id}${path.extname(dataset.expected)}`);
      const args = ['-i', dataset.inputs.join(','), '-e', dataset.expected, '-o', out, '-t', mp.config.output_type];
      const run = await exec(binary, args, { cwd: outDir, timeoutMs, env });
      const libwbSaysCorrect = /^Solution is correct\./m.test(run.stdout);
      let comparator = { passed: false, message: 'no output file' };
      if (fs.existsSync(out)) {
        comparator = compare.compareOutput(fs.readFileSync(dataset.expected), fs.readFileSync(out), {
          outputType: mp.config.output_type,
          tolerance: mp.config.tolerance,
          fileName: path.basename(dataset.expected),
        });
      }
      const exitedCleanly = run.code === 0 && !run.timedOut;
      const passed = exitedCleanly && libwbSaysCorrect && comparator.passed;
      const failed = !libwbSaysCorrect && !comparator.passed;
      const line = run.stdout.split('\n').find((l) => l.startsWith('Solution is')) ?? '';
      results.push({
        id: dataset.id,
        ms: run.ms,
        ok: which === 'solution' ? passed : failed,
        detail: run.timedOut
          ? `timed out after ${timeoutMs / 1000} s`
          : `exit ${run.code ?? run.signal}; libwb: ${line || '(no verdict line)'}; comparator: ${comparator.message}` +
            (exitedCleanly ? '' : `\n${lastLines(run.stderr, 6)}`),
      });
    }
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

function prepareLibwb(needCuda) {
  const plain = spawnSync('make', ['-s', '-C', LIBWB], { encoding: 'utf8' });
  if (plain.status !== 0) throw new Error(`make -C libs/libwb failed:\n${lastLines(plain.stdout + plain.stderr)}`);
  if (needCuda) {
    const cuda = spawnSync('make', ['-s', '-C', LIBWB, 'cuda'], { encoding: 'utf8' });
    if (cuda.status !== 0) throw new Error(`make -C libs/libwb cuda failed:\n${lastLines(cuda.stdout + cuda.stderr)}`);
  }
}

function printTable(rows) {
  const headers = ['lab', 'toolchain', 'config', 'datasets', 'solution', 'template', 'MB'];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

function datasetMegabytes(lab) {
  let bytes = 0;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else bytes += fs.statSync(full).size;
    }
  };
  const dir = path.join(MPS, lab, 'datasets');
  if (fs.existsSync(dir)) walk(dir);
  return (bytes / 1e6).toFixed(1);
}

async function main(argv) {
  const flags = argv.filter((a) => a.startsWith('--'));
  const unknown = flags.filter((f) => !['--run-cuda', '--emulate-cuda', '--sanitize', '--no-run'].includes(f));
  if (unknown.length > 0) throw new Error(`unknown option ${unknown[0]} (options: --run-cuda, --emulate-cuda, --sanitize, --no-run)`);
  const names = argv.filter((a) => !a.startsWith('--'));
  const labs = names.length > 0 ? names : allLabs();
  const platform = loadPlatform();
  const nvcc = commandExists('nvcc');
  const compilerHere = new Map();
  const hasCompiler = (toolchain) => {
    const compiler = toolchains.toolchainSpec(toolchain).compiler;
    if (!compilerHere.has(compiler)) compilerHere.set(compiler, commandExists(compiler));
    return compilerHere.get(compiler);
  };
  const runCuda = !flags.includes('--no-run') && (flags.includes('--run-cuda') || hasGpu());
  const runCpu = !flags.includes('--no-run');
  const emulateCuda = runCpu && !runCuda && flags.includes('--emulate-cuda');
  const sanitize = flags.includes('--sanitize');
  prepareLibwb(nvcc);

  const problems = []; // [lab, message]
  const labStates = [];
  for (const lab of labs) {
    const dir = path.join(MPS, lab);
    const state = { lab, config: 'FAIL', datasets: 'FAIL', solution: '-', template: '-', mp: null };
    labStates.push(state);
    const report = (list) => list.forEach((p) => problems.push([lab, p]));

    if (!fs.existsSync(path.join(dir, 'generate.js'))) {
      report(['no generate.js']);
      continue;
    }
    const fileProblems = checkDatasetFiles(lab);
    report(fileProblems);
    let mp;
    try {
      mp = platform.loadMp(dir, lab);
    } catch (err) {
      report([err.message]);
      continue;
    }
    delete require.cache[require.resolve(path.join(dir, 'generate.js'))];
    const generated = require(path.join(dir, 'generate.js')).datasets;
    const ruleProblems = checkRules(lab, mp, generated, platform.keywords);
    report(ruleProblems);
    state.config = ruleProblems.length === 0 ? 'ok' : 'FAIL';
    const dataProblems = checkDatasets(platform.compare, mp, generated);
    report(dataProblems);
    state.datasets = fileProblems.length === 0 && dataProblems.length === 0 ? `ok (${mp.datasets.length})` : 'FAIL';
    state.mp = mp;
  }

  // Compile every solution and template (and, with --emulate-cuda, their CPU-emulated builds)
  // and run them where they can run: two processes at a time.
  const jobs = [];
  // The CUDA emulator (test/labs/cuda-emu) rewrites CUDA programs only.
  const cuda = (state) => state.mp.config.toolchain === 'cuda';
  const gpu = (state) => onGpu(state.mp.config.toolchain);
  for (const state of labStates) {
    if (!state.mp) continue;
    const { toolchain, compile: compileConfig } = state.mp.config;
    for (const which of ['solution', 'template']) {
      const file = path.join(MPS, state.lab, `${which}${sourceExtension(toolchain)}`);
      if (!fs.existsSync(file)) continue;
      const builds = [];
      if (!hasCompiler(toolchain)) state[which] = `skipped (no ${toolchains.toolchainSpec(toolchain).compiler})`;
      else builds.push(false);
      if (cuda(state) && emulateCuda) builds.push(true);
      for (const emulated of builds) {
        jobs.push(async () => {
          const result = await compile(toolchain, compileConfig.flags, file, emulated, sanitize);
          const runnable = result.ok && (emulated || (gpu(state) ? runCuda : runCpu));
          const timeout = emulated ? EMULATED_RUN_TIMEOUT_MS : RUN_TIMEOUT_MS;
          const runs = runnable ? await runDatasets(platform.compare, state.mp, result.binary, which, timeout) : null;
          return { state, which, file, emulated, result, runs };
        });
      }
    }
  }
  const outcomes = await pool(jobs, MAX_PARALLEL);
  if (names.length === 0) pruneCache();

  // Reported in a fixed order (native build first), whatever order the jobs finished in.
  for (const { state, which, file, emulated, result, runs } of outcomes) {
    const lab = state.lab;
    const cell = (text) => (state[which] = state[which] === '-' || state[which].startsWith('skipped') ? text : `${state[which]}, ${text}`);
    if (!result.ok) {
      cell(emulated ? 'emulation build FAIL' : 'compile FAIL');
      const missing = missingLibwbApi([file]);
      const hint = missing.length > 0 ? `\n(libwb's wb.h does not declare ${missing.join(', ')} yet)` : '';
      const what = emulated ? 'does not build for the CUDA emulator' : 'does not compile';
      problems.push([lab, `${which} ${what}:\n${lastLines(result.output, 20)}${hint}`]);
      continue;
    }
    if (!emulated) cell(`compiles${result.cached ? ' (cached)' : ` (${(result.ms / 1000).toFixed(1)} s)`}`);
    if (!runs) continue;
    const good = runs.filter((r) => r.ok).length;
    const slowest = Math.max(...runs.map((r) => r.ms));
    const prefix = emulated ? 'emulated: ' : '';
    cell(which === 'solution' ? `${prefix}passes ${good}/${runs.length} (max ${slowest} ms)` : `${prefix}fails ${good}/${runs.length}`);
    for (const r of runs.filter((x) => !x.ok)) {
      const how = emulated ? ' (CUDA emulated on the CPU)' : '';
      problems.push([lab, `${which}${how} on dataset ${r.id} should ${which === 'solution' ? 'pass' : 'fail'}: ${r.detail}`]);
    }
  }

  console.log('');
  printTable(
    labStates.map((s) => [
      s.lab,
      s.mp?.config.toolchain ?? '?',
      s.config,
      s.datasets,
      s.solution,
      s.template,
      datasetMegabytes(s.lab),
    ]),
  );
  if (!runCuda && !emulateCuda) {
    console.log('\nCUDA labs were compiled, not run (no GPU here): --emulate-cuda runs them on the CPU emulator.');
  }
  if (problems.length > 0) {
    console.log(`\n${problems.length} problem(s):`);
    for (const [lab, message] of problems) console.log(`- ${lab}: ${message}`);
    return 1;
  }
  console.log('\nall labs ok');
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err) => {
      console.error(err.message);
      process.exitCode = 1;
    },
  );
}

module.exports = { identifiersOf, includesOf };
