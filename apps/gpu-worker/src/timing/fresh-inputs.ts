import { Injectable } from '@nestjs/common';
import { Dataset, Mp } from '@wb/common';
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A generator making one dataset should take well under this; a hung one must not hold the GPU. */
const GENERATOR_TIMEOUT_MS = 60_000;

/**
 * A timed run's inputs, new for every run: the lab's generator (plain Node, mps/_lib/datasets.js)
 * builds the performance dataset's recipe from a seed nobody knew before, outside the box, and
 * the expected output stays outside as for every dataset. So no answer can be cached or looked up.
 */
@Injectable()
export class FreshInputs {
  async make(mp: Mp, datasetId: number, seed: number, dir: string, signal?: AbortSignal): Promise<Dataset> {
    const config = mp.config.datasets.find((d) => d.id === datasetId);
    if (!config) throw new Error(`lab "${mp.config.id}" has no dataset ${datasetId}`);
    await run(process.execPath, [join(mp.dir, 'generate.js'), '--out', dir, '--seed', String(seed), '--dataset', String(datasetId)], {
      cwd: mp.dir,
      timeout: GENERATOR_TIMEOUT_MS,
      maxBuffer: 1024 * 1024,
      signal,
    });
    const datasetDir = join(dir, 'datasets', String(datasetId));
    const files = (await readdir(datasetDir)).sort();
    const inputs = files.filter((f) => /^input\d+\./.test(f)).sort((a, b) => inputIndex(a) - inputIndex(b));
    const expected = files.find((f) => f.startsWith('output.'));
    if (!expected) throw new Error(`lab "${mp.config.id}": generate.js --seed wrote no output.* for dataset ${datasetId}`);
    return { ...config, dir: datasetDir, inputs: inputs.map((f) => join(datasetDir, f)), expected: join(datasetDir, expected) };
  }
}

function inputIndex(file: string): number {
  return Number(/^input(\d+)\./.exec(file)?.[1] ?? 0);
}
