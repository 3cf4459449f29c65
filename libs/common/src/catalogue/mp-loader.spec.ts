import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../config/project-root';
import { byCourseOrder, loadCatalogue } from './catalogue.service';
import { loadMp, Mp, MpConfigError } from './mp-loader';

const ROOT = projectRoot();
const SOURCE = join(ROOT, 'mps', 'vector-add-cpp');

describe('loadMp', () => {
  let dir: string;
  const lab = () => join(dir, 'vector-add-cpp');
  const yaml = () => readFileSync(join(SOURCE, 'mp.yaml'), 'utf8');
  const writeYaml = (text: string) => writeFileSync(join(lab(), 'mp.yaml'), text);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wb-mps-'));
    cpSync(SOURCE, lab(), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a lab with its datasets, limits, keyword rules and rubric', () => {
    const mp = loadMp(lab(), 'vector-add-cpp');
    expect(mp.config).toMatchObject({ id: 'vector-add-cpp', toolchain: 'cpp', output_type: 'vector', limits: { run_s: 3, compile_s: 10 } });
    expect(mp.datasets.length).toBeGreaterThanOrEqual(6);
    expect(mp.datasets[0].inputs.map((f) => f.slice(f.lastIndexOf('/') + 1))).toEqual(['input0.raw', 'input1.raw']);
    expect(mp.datasets.some((d) => d.hidden)).toBe(true);
    expect(mp.datasets.reduce((sum, d) => sum + d.points, 0)).toBe(100);
    expect(mp.template).toContain('//@@');
    expect(mp.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it.each([
    ['toolchain: cpp', 'toolchain: fortran', /vector-add-cpp\/mp\.yaml: toolchain: toolchain must be one of/],
    ['run_s: 3', 'run_s: -1', /vector-add-cpp\/mp\.yaml: limits\.run_s: run_s must not be less than 0\.1/],
    ['output_type: vector', 'output_type: movie', /output_type/],
    ['id: vector-add-cpp', 'id: another-lab', /id "another-lab" must equal the folder name "vector-add-cpp"/],
  ])('names the lab and the field of a bad value (%s → %s)', (from, to, message) => {
    writeYaml(yaml().replace(from, to));
    expect(() => loadMp(lab(), 'vector-add-cpp')).toThrow(MpConfigError);
    expect(() => loadMp(lab(), 'vector-add-cpp')).toThrow(message);
  });

  it('takes an optional course order, and names a bad one', () => {
    expect(loadMp(lab(), 'vector-add-cpp').config.order).toBe(30);
    writeYaml(yaml().replace(/^order: .*\n/m, ''));
    expect(loadMp(lab(), 'vector-add-cpp').config.order).toBeUndefined();
    for (const bad of ['2.5', '-1', 'first', '"3"']) {
      writeYaml(yaml().replace(/^order: .*$/m, `order: ${bad}`));
      expect(() => loadMp(lab(), 'vector-add-cpp')).toThrow(
        "mps/vector-add-cpp/mp.yaml: order: order must be a whole number from 0 to 1000000: the lab's place in the course, smaller first",
      );
    }
  });

  it('reads the performance block with its defaults, and names one that cannot work', () => {
    expect(loadMp(lab(), 'vector-add-cpp').config.performance).toMatchObject({ dataset: 5, runs: 5, max_clock_drift: 0.1 });
    writeYaml(yaml().replace(/^performance: .*$/m, 'performance: { dataset: 3 }'));
    expect(loadMp(lab(), 'vector-add-cpp').config.performance).toEqual({ dataset: 3, runs: 5, max_clock_drift: 0.1, cooldown_minutes: 10 });
    writeYaml(yaml().replace(/^performance: .*$/m, 'performance: { dataset: 42 }'));
    expect(() => loadMp(lab(), 'vector-add-cpp')).toThrow(/performance\.dataset: 42 is not one of the datasets' ids/);
    writeYaml(yaml().replace(/^performance: .*$/m, 'performance: { dataset: 5, runs: 0 }'));
    expect(() => loadMp(lab(), 'vector-add-cpp')).toThrow(/performance\.runs/);
    writeYaml(yaml());
    rmSync(join(lab(), 'generate.js'));
    expect(() => loadMp(lab(), 'vector-add-cpp')).toThrow(/timed runs need the lab's generate\.js/);
  });

  it('names a dataset whose folder is missing, and malformed YAML', () => {
    rmSync(join(lab(), 'datasets', '2'), { recursive: true });
    expect(() => loadMp(lab(), 'vector-add-cpp')).toThrow(/datasets\.2: folder datasets\/2\/ is missing/);
    writeYaml('id: [unclosed');
    expect(() => loadMp(lab(), 'vector-add-cpp')).toThrow(/^mps\/vector-add-cpp\/mp\.yaml: /);
  });

  it('puts labs in course order: by order, then title, labs without an order last', () => {
    const mp = (title: string, order?: number) => ({ config: { title, order } }) as Mp;
    const labs = [mp('Zeta'), mp('Scan', 20), mp('Alpha'), mp('Reduction', 20), mp('Device query', 10)];
    expect(labs.sort(byCourseOrder).map((m) => m.config.title)).toEqual(['Device query', 'Reduction', 'Scan', 'Alpha', 'Zeta']);
  });

  it('loads every lab folder of a catalogue and skips shared `_` folders', () => {
    cpSync(join(ROOT, 'mps', '_lib'), join(dir, '_lib'), { recursive: true });
    expect([...loadCatalogue(dir).keys()]).toEqual(['vector-add-cpp']);
  });
});
