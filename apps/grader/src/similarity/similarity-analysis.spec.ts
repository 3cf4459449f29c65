import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalysisProgress } from './analysis-protocol';
import { SimilarityAnalysis } from './similarity-analysis';

/** The parent side of the analysis process, with stand-in children that misbehave in each way a real one could. */
describe('SimilarityAnalysis', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wb-similarity-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function analysisWith(child: string, timeoutMs = 10_000): SimilarityAnalysis {
    const script = join(dir, `child-${Math.random().toString(36).slice(2)}.js`);
    writeFileSync(script, child);
    return new SimilarityAnalysis({ script, heapMb: 256, timeoutMs });
  }

  const input = { programs: [{ text: 'int main() {}', archived: false }], template: '', floor: 0.25, maxPairs: 10 };

  it('forwards progress and resolves with the pairs', async () => {
    const analysis = analysisWith(`process.once('message', async (input) => {
      process.send({ type: 'progress', phase: 'comparing', done: 1, total: 2 });
      process.send({ type: 'result', pairs: [{ left: 0, right: 1, similarity: input.floor, longest: 3, overlap: 4, fragments: [] }], unanalysed: [{ program: 1, reason: 'nested too deeply to analyse' }] }, () => process.disconnect());
    });`);
    const progress: AnalysisProgress[] = [];
    await expect(analysis.run(input, (p) => progress.push(p))).resolves.toEqual({
      pairs: [{ left: 0, right: 1, similarity: 0.25, longest: 3, overlap: 4, fragments: [] }],
      unanalysed: [{ program: 1, reason: 'nested too deeply to analyse' }],
    });
    expect(progress).toEqual([{ phase: 'comparing', done: 1, total: 2 }]);
  });

  it('rejects with the reason the analysis gave', async () => {
    const analysis = analysisWith(
      `process.once('message', () => process.send({ type: 'error', message: 'You need to supply at least two files' }, () => process.disconnect()));`,
    );
    await expect(analysis.run(input, () => undefined)).rejects.toThrow('You need to supply at least two files');
  });

  it('rejects with the end of stderr when the process dies without a result', async () => {
    const analysis = analysisWith(
      `process.once('message', () => { console.error('FATAL ERROR: Reached heap limit'); process.exit(134); });`,
    );
    await expect(analysis.run(input, () => undefined)).rejects.toThrow(
      /ended \(exit 134\) without a result: FATAL ERROR: Reached heap limit/,
    );
  });

  it('stops an analysis that runs past its time', async () => {
    const analysis = analysisWith(`process.once('message', () => setInterval(() => undefined, 1000));`, 500);
    await expect(analysis.run(input, () => undefined)).rejects.toThrow('the analysis took longer than 1 s and was stopped');
  });

  it('rejects when the script cannot be started', async () => {
    const analysis = new SimilarityAnalysis({ script: join(dir, 'missing.js'), heapMb: 256, timeoutMs: 10_000 });
    await expect(analysis.run(input, () => undefined)).rejects.toThrow(/Cannot find module|without a result/);
  });
});
