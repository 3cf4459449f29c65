import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DatasetConfig, MpConfig } from './mp-config';

export class MpConfigError extends Error {}

export interface Dataset extends DatasetConfig {
  dir: string;
  /** `input0.*`, `input1.*`, … in order. */
  inputs: string[];
  /** `output.*`: the expected output, compared outside the sandbox. */
  expected: string;
}

/** A lab as the platform uses it: its validated config and where its files are. */
export interface Mp {
  config: MpConfig;
  dir: string;
  template: string;
  description: string;
  datasets: Dataset[];
  /** Changes whenever the config or a dataset file changes; workers cache the lab by it. */
  version: string;
}

/** Loads and validates one lab folder; every problem names the lab and the field. */
export function loadMp(dir: string, slug: string): Mp {
  const where = `mps/${slug}/mp.yaml`;
  const yamlPath = join(dir, 'mp.yaml');
  let raw: unknown;
  try {
    raw = parse(readFileSync(yamlPath, 'utf8'));
  } catch (err) {
    throw new MpConfigError(`${where}: ${(err as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null) throw new MpConfigError(`${where}: not a YAML mapping`);

  const config = plainToInstance(MpConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) throw new MpConfigError(`${where}: ${flatten(errors).join('; ')}`);
  if (config.id !== slug) throw new MpConfigError(`${where}: id "${config.id}" must equal the folder name "${slug}"`);
  const ids = config.datasets.map((d) => d.id);
  if (new Set(ids).size !== ids.length) throw new MpConfigError(`${where}: datasets: ids must be unique`);
  // Timed runs make fresh inputs with the lab's generator, from the recipe of one of its datasets.
  if (config.performance && !ids.includes(config.performance.dataset))
    throw new MpConfigError(`${where}: performance.dataset: ${config.performance.dataset} is not one of the datasets' ids`);
  if (config.performance && !existsSync(join(dir, 'generate.js')))
    throw new MpConfigError(`${where}: performance: timed runs need the lab's generate.js for fresh inputs`);

  const hash = createHash('sha256').update(readFileSync(yamlPath));
  const datasets = config.datasets.map((d) => loadDataset(dir, d, where, hash));
  return {
    config,
    dir,
    template: readFileSync(findFile(dir, 'template.', where), 'utf8'),
    description: readFileSync(findFile(dir, 'description.md', where), 'utf8'),
    datasets,
    version: hash.digest('hex').slice(0, 16),
  };
}

function loadDataset(mpDir: string, config: DatasetConfig, where: string, hash: ReturnType<typeof createHash>): Dataset {
  const dir = join(mpDir, 'datasets', String(config.id));
  if (!existsSync(dir)) throw new MpConfigError(`${where}: datasets.${config.id}: folder datasets/${config.id}/ is missing`);
  const files = readdirSync(dir).sort();
  const inputs = files.filter((f) => /^input\d+\./.test(f)).sort((a, b) => inputIndex(a) - inputIndex(b));
  const expected = files.find((f) => /^output\./.test(f));
  if (!expected) throw new MpConfigError(`${where}: datasets.${config.id}: no output.* file`);
  for (const f of [...inputs, expected]) {
    hash.update(`${config.id}/${f}:${statSync(join(dir, f)).size}:`);
    hash.update(readFileSync(join(dir, f)));
  }
  return { ...config, dir, inputs: inputs.map((f) => join(dir, f)), expected: join(dir, expected) };
}

function inputIndex(file: string): number {
  return Number(/^input(\d+)\./.exec(file)![1]);
}

function findFile(dir: string, prefix: string, where: string): string {
  const name = readdirSync(dir).find((f) => f.startsWith(prefix));
  if (!name) throw new MpConfigError(`${where}: the lab has no ${prefix}* file`);
  return join(dir, name);
}

function flatten(errors: ValidationError[], path = ''): string[] {
  return errors.flatMap((e) => {
    const at = path ? `${path}.${e.property}` : e.property;
    const own = [...new Set(Object.values(e.constraints ?? {}))].map((m) => `${at}: ${m}`);
    return [...own, ...flatten(e.children ?? [], at)];
  });
}
