import { labKeywordRules, loadCatalogue, loadMp, Mp, Toolchain } from '@wb/common';
import { checkKeywords } from '@wb/judge';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasNvcc } from '../hostile/support/cuda-profile-cases';
import { HostileWorker } from '../hostile/support/hostile-worker';
import { ROOT } from '../support/processes';

/**
 * Programs written the way students of the original course wrote them (programs/), at least one
 * for every lab in mps/: the headers they included by habit, their own wbCheck,
 * cudaThreadSynchronize, __constant__ masks, pinned memory and streams, OpenMP timed with
 * omp_get_wtime, OpenCL without an include of its own, CSRToJDS, a GPU device asked of a CPU
 * worker, a kernel writing out of bounds. Each goes the worker's way with its lab's mp.yaml: the
 * keyword check, the worker's Compiler in the sandbox, and on a CPU lab a run on dataset 0
 * through DatasetRunner. CUDA programs are compiled only (no GPU here). Each program's first
 * lines say what must happen:
 *   // lab: <id in mps/>
 *   // expect: passed | runtime_error | compiles
 *   // output: <text in the run's output>      (optional)
 *   // message: <text in the verdict's message> (optional)
 *   // habits: <what of the era it shows>       (for the reader, not checked)
 */
interface LegacyProgram {
  name: string;
  source: string;
  lab: string;
  expect: 'passed' | 'runtime_error' | 'compiles';
  output?: string;
  message?: string;
}

const PROGRAMS_DIR = join(__dirname, 'programs');
const programs = readdirSync(PROGRAMS_DIR)
  .sort()
  .map((file): LegacyProgram => {
    const source = readFileSync(join(PROGRAMS_DIR, file), 'utf8');
    const field = (name: string) => new RegExp(`^// ${name}: (.+)$`, 'm').exec(source)?.[1];
    return {
      name: file,
      source,
      lab: field('lab')!,
      expect: field('expect') as LegacyProgram['expect'],
      output: field('output'),
      message: field('message'),
    };
  });

const hasOpencl = existsSync('/etc/OpenCL/vendors') && readdirSync('/etc/OpenCL/vendors').some((f) => f.endsWith('.icd'));

/** The real lab, with room for a compiler sharing two cores with other tests, and dataset 0 alone. */
function lab(id: string): Mp {
  const mp = loadMp(join(ROOT, 'mps', id), id);
  const slow = { cuda: { compile_s: 120, run_s: mp.config.limits.run_s }, opencl: { compile_s: 30, run_s: 20 } } as Partial<
    Record<Toolchain, { compile_s: number; run_s: number }>
  >;
  const limits = { ...mp.config.limits, compile_s: 30, ...slow[mp.config.toolchain] };
  return { ...mp, config: { ...mp.config, limits }, datasets: mp.datasets.filter((d) => d.id === 0) } as Mp;
}

const byToolchain = new Map<Toolchain, { program: LegacyProgram; mp: Mp }[]>();
for (const program of programs) {
  const mp = lab(program.lab);
  byToolchain.set(mp.config.toolchain, [...(byToolchain.get(mp.config.toolchain) ?? []), { program, mp }]);
}

describe('programs of the original course', () => {
  it('has a program for every lab in mps/, each naming its lab and what must happen', () => {
    // A lab added to the catalogue without a program here would go untried against the code
    // students bring from the original course.
    const labs = [...loadCatalogue(join(ROOT, 'mps')).keys()].sort();
    const covered = new Set(programs.map((p) => p.lab));
    expect(labs.filter((id) => !covered.has(id))).toEqual([]);
    for (const program of programs) {
      expect({ name: program.name, lab: program.lab, expect: program.expect }).toEqual({
        name: program.name,
        lab: expect.any(String),
        expect: expect.stringMatching(/^(passed|runtime_error|compiles)$/),
      });
    }
  });

  it.each(programs.map((p) => [p.name, p] as const))("%s passes its lab's keyword check", (_name, program) => {
    expect(checkKeywords(program.source, labKeywordRules(lab(program.lab).config))).toEqual({ ok: true });
  });
});

const available: Record<Toolchain, boolean> = { cpp: true, openmp: true, opencl: hasOpencl, cuda: hasNvcc() };

for (const [toolchain, cases] of byToolchain) {
  (available[toolchain] ? describe : describe.skip)(`${toolchain} programs of the original course, the worker's way`, () => {
    let worker: HostileWorker;

    beforeAll(() => {
      if (toolchain === 'cuda') execFileSync('make', ['-s', '-C', join(ROOT, 'libs', 'libwb'), 'cuda'], { stdio: 'inherit' });
      worker = new HostileWorker(toolchain);
    }, 180_000);

    afterAll(() => worker?.close());

    it.each(cases.map((c) => [c.program.name, c] as const))(
      '%s',
      async (_name, { program, mp }) => {
        const result = await worker.runs.use(program.name.replace(/\W/g, '-'), async (dir) => {
          const compiled = await worker.compiler.compile(mp, program.source, dir);
          if (!compiled.ok || program.expect === 'compiles')
            return { verdict: compiled.ok ? 'compiles' : compiled.status, output: compiled.output, message: '' };
          const run = await worker.datasets.run(mp, compiled.binary, mp.datasets[0], dir);
          return { verdict: run.result.status, output: compiled.output + run.output, message: run.result.message };
        });
        const seen = `${result.message}\n${result.output.slice(0, 3000)}`;
        expect({ verdict: result.verdict, seen }).toEqual({ verdict: program.expect, seen });
        // A template's own wbCheck hides wb.h's without a word from the compiler.
        expect(result.output).not.toMatch(/redefined/);
        if (program.output) expect(result.output).toContain(program.output);
        if (program.message) expect(result.message).toContain(program.message);
      },
      180_000,
    );
  });
}

if (!hasOpencl) console.warn('no OpenCL ICD in /etc/OpenCL/vendors: the OpenCL programs of the corpus are not compiled here');
if (!hasNvcc()) console.warn('no nvcc on PATH: the CUDA programs of the corpus are not compiled here');
