import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// The labs under mps/: their datasets regenerate byte for byte, and every lab loads, its datasets
// parse, its solution passes and its template fails (scripts/mps-check.js; CUDA labs run on a GPU
// when there is one, else on the CPU emulator of test/labs/cuda-emu).

const ROOT = join(__dirname, '..', '..');
const load = createRequire(__filename);
const { rewriteLaunches } = load('./cuda-emu/emulate.js');
const { identifiersOf, includesOf } = load('../../scripts/mps-check.js');
const { formatFloat32, formatRounded, seedFor, mulberry32 } = load('../../mps/_lib/datasets.js');

function runScript(script: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, 'scripts', script), ...args], { cwd: ROOT, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

describe('labs (mps/)', () => {
  it('regenerates every dataset byte for byte as datasets.sha256 records', async () => {
    const { code, output } = await runScript('mps-generate.js', ['--check']);
    expect({ code, output }).toEqual({ code: 0, output: expect.not.stringContaining('FAIL') });
  }, 600_000);

  it('loads every lab, parses its datasets, passes its solution and fails its template', async () => {
    const { code, output } = await runScript('mps-check.js', ['--emulate-cuda']);
    expect({ code, output }).toEqual({ code: 0, output: expect.stringContaining('all labs ok') });
  }, 1_800_000);
});

describe('dataset helpers (mps/_lib)', () => {
  it('writes floats as the shortest decimal that reads back as the same float32', () => {
    expect(formatFloat32(0.1)).toBe('0.1');
    expect(formatFloat32(Math.fround(0.1) + Math.fround(0.2))).toBe('0.3');
    expect(formatFloat32(Math.fround(-4.1) + Math.fround(0))).toBe('-4.1');
    expect(formatFloat32(16777216)).toBe('16777216');
    expect(formatFloat32(-0)).toBe('-0');
    expect(formatFloat32(NaN)).toBe('nan');
  });

  it('rounds expected outputs to a fixed number of decimals without a negative zero', () => {
    expect(formatRounded(3)(-4.1000004)).toBe('-4.1');
    expect(formatRounded(2)(-0.001)).toBe('0');
    expect(formatRounded(1)(12)).toBe('12');
  });

  it('draws the same stream for the same seed', () => {
    const a = mulberry32(seedFor('lab', 3));
    const b = mulberry32(seedFor('lab', 3));
    const c = mulberry32(seedFor('lab', 4));
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(c()).not.toBe(first[0]);
  });
});

describe('CUDA emulator source rewriting (test/labs/cuda-emu)', () => {
  it('turns kernel launches into emulator calls, with and without a stream', () => {
    const source = 'k<<<grid, block>>>(a, f(b, c));\nv<<<(n + 255) / 256, 256, 0, streams[s % 4]>>>(x + s, y);';
    expect(rewriteLaunches(source)).toBe(
      'wbEmu::launch(dim3(grid), dim3(block), [&]() { k(a, f(b, c)); });\n' +
        'wbEmu::launch(dim3((n + 255) / 256), dim3(256), [&]() { v(x + s, y); });',
    );
  });

  it('leaves launches in line comments alone', () => {
    const source = '//@@ launch it: kernel<<<blocks, threads, 0, stream>>>(...)\n';
    expect(rewriteLaunches(source)).toBe(source);
  });
});

describe('source scanning in mps-check', () => {
  it('sees identifiers in code only, not in comments or string literals', () => {
    const source = [
      '// exit here',
      '/* __shared__ */ int x = 1;',
      'const char *s = "fopen";',
      'static const char *k = R"CLC(system();)CLC";',
      '__shared__ float tile[16];',
    ].join('\n');
    const identifiers = identifiersOf(source);
    expect(identifiers.has('__shared__')).toBe(true);
    expect(identifiers.has('tile')).toBe(true);
    for (const hidden of ['exit', 'fopen', 'system']) expect(identifiers.has(hidden)).toBe(false);
  });

  it('lists the headers a source includes', () => {
    expect(includesOf('#include <wb.h>\n#include "CL/cl.h"\n  #  include <cstdlib>\nint x;')).toEqual(['wb.h', 'CL/cl.h', 'cstdlib']);
  });
});
