import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './processes';

export const SLOW_LAB = 'slow-vector-add';
const SOURCE_LAB = join(ROOT, 'mps', 'vector-add-cpp');

/** The reference solution, slowed down so that a worker can be killed in the middle of it. */
export function slowSolution(): string {
  return readFileSync(join(SOURCE_LAB, 'solution.cpp'), 'utf8').replace(
    /int main\(([^)]*)\) \{\n/,
    (m) => `${m}  for (volatile unsigned long spin = 0; spin < 3000000000UL; spin = spin + 1) {}\n`,
  );
}

/**
 * A labs folder with one lab: vector-add-cpp's first three datasets under a generous time
 * limit, so that the slowed-down solution still passes on a busy machine.
 */
export function slowLabFolder(): string {
  const mps = mkdtempSync(join(tmpdir(), 'wb-slow-mps-'));
  chmodSync(mps, 0o755);
  const lab = join(mps, SLOW_LAB);
  mkdirSync(lab);
  for (const f of ['description.md', 'template.cpp']) cpSync(join(SOURCE_LAB, f), join(lab, f));
  for (const n of ['0', '1', '2']) cpSync(join(SOURCE_LAB, 'datasets', n), join(lab, 'datasets', n), { recursive: true });
  const yaml = readFileSync(join(SOURCE_LAB, 'mp.yaml'), 'utf8')
    .replace(/^id: .*$/m, `id: ${SLOW_LAB}`)
    .replace(/^limits: .*$/m, 'limits: { compile_s: 10, run_s: 30, output_bytes: 16777216, program_bytes: 65536 }')
    .replace(/datasets:[\s\S]*$/, '');
  const datasets = ['0', '1', '2'].map((n) => `  - { id: ${n}, name: "dataset ${n}", hidden: false, points: 1 }`).join('\n');
  writeFileSync(join(lab, 'mp.yaml'), `${yaml}datasets:\n${datasets}\n`);
  return mps;
}
