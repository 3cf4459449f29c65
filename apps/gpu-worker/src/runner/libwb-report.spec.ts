import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLibwbReport } from './libwb-report';

describe('readLibwbReport', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'wb-report-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const report = (text: string) => {
    const path = join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, text);
    return readLibwbReport(path, 4096);
  };

  it("keeps a timer's time to the nanosecond as libwb writes it: a short Compute loop is not 0", async () => {
    const { timers } = await report(
      '{"version":1,"timers":[{"kind":"Compute","message":"Adding the vectors","elapsedMs":0.000042,"parent":null,"stopped":true}],"logs":[]}',
    );
    expect(timers).toEqual([{ kind: 'Compute', message: 'Adding the vectors', elapsedMs: 0.000042, parent: null, stopped: true }]);
  });

  it('reads a malformed, oversized or missing report as nothing reported', async () => {
    expect((await report('{"timers":[{"kind":"GPU","message":"x","elapsedMs":"fast"}]}')).timers).toEqual([]);
    expect((await report('not json')).timers).toEqual([]);
    expect((await report(`{"logs":[],"pad":"${'x'.repeat(5000)}"}`)).logs).toEqual([]);
    expect((await readLibwbReport(join(dir, 'absent.json'), 4096)).timers).toEqual([]);
  });
});
