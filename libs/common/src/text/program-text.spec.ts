import { safeReport } from '../attempts/report-text';
import { cappedText, displayableText } from './program-text';

describe('displayableText', () => {
  it('shows NUL, escapes and other controls as pictures, keeping tabs and newlines', () => {
    expect(displayableText('a\0b\tc\nd\x1b[31mred\x1b[0m\x07\x7f')).toBe('a␀b\tc\nd␛[31mred␛[0m␇␡');
  });

  it('turns \\r\\n into a newline and shows a lone carriage return', () => {
    expect(displayableText('one\r\ntwo\rthree')).toBe('one\ntwo␍three');
  });

  it('replaces invalid UTF-8, C1 controls and lone surrogates, and keeps every printable script', () => {
    expect(displayableText(Buffer.from([0x61, 0xff, 0xc0, 0x80, 0x62]))).toBe('a\uFFFD\uFFFD\uFFFDb');
    expect(displayableText('csi\u009b2J')).toBe('csi\uFFFD2J');
    expect(displayableText('x\uD800y\uDC00z')).toBe('x\uFFFDy\uFFFDz');
    expect(displayableText('é 中 😀 ∑')).toBe('é 中 😀 ∑');
  });

  it('leaves nothing that Postgres refuses in text or jsonb', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const text = displayableText(all);
    expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
    expect(JSON.stringify(text)).not.toMatch(/\\u00|\\ud[89a-f]/i);
  });
});

describe('cappedText', () => {
  it('keeps a short text whole', () => {
    expect(cappedText('hello', { maxBytes: 10 })).toEqual({ text: 'hello', bytes: 5, truncated: false });
  });

  it('cuts at a character boundary and says how long the whole was', () => {
    const capped = cappedText('é'.repeat(10), { maxBytes: 5 });
    expect(capped.truncated).toBe(true);
    expect(capped.bytes).toBe(20);
    expect(capped.text).toBe('éé\n… [truncated: 20 bytes in all, the first 4 shown]');
  });

  it('reports the length of a stream of which only the start was kept', () => {
    const capped = cappedText('abc', { maxBytes: 100 }, { bytes: 10_485_760, truncated: true });
    expect(capped.text).toBe('abc\n… [truncated: 10485760 bytes in all, the first 3 shown]');
    expect(capped.bytes).toBe(10_485_760);
  });
});

describe('safeReport', () => {
  it('makes every string of a report storable and bounded, keeping the byte counts', () => {
    const report = safeReport({
      attemptId: 'a',
      status: 'failed',
      output: `\0${'x'.repeat(300 * 1024)}`,
      outputBytes: 10_000_000,
      compilerOutput: 'warning: \x1b]0;title\x07',
      results: [{ dataset: 0, status: 'failed', passed: false, message: 'got \0', timeMs: 1 }],
      timers: [{ kind: 'G\0PU'.repeat(20), message: 'm\0', elapsedMs: 1, parent: null }],
      logs: Array.from({ length: 600 }, () => ({ level: 'TRACE\0', message: '\uD800', file: 'f\0.cu', line: 1 })),
    });
    expect(report.output!.startsWith('␀xxx')).toBe(true);
    expect(Buffer.byteLength(report.output!)).toBeLessThan(257 * 1024);
    expect(report.outputBytes).toBe(10_000_000);
    expect(report.compilerOutput).toBe('warning: ␛]0;title␇');
    expect(report.results![0].message).toBe('got ␀');
    expect(report.timers![0].kind).toHaveLength(32);
    expect(report.logs).toHaveLength(500);
    expect(report.logs![0]).toEqual({ level: 'TRACE␀', message: '\uFFFD', file: 'f␀.cu', line: 1 });
  });

  it("keeps a run's mismatches to the listed few, their text safe and short, and the total as counted", () => {
    const mismatch = { index: 0, where: 'line 1', expected: `"\x1b[2J${'y'.repeat(500)}"`, actual: '"\0"' };
    const report = safeReport({
      attemptId: 'a',
      status: 'failed',
      results: [
        {
          dataset: 0,
          status: 'failed',
          passed: false,
          message: 'm',
          timeMs: 1,
          mismatches: { total: 1000, first: Array(50).fill(mismatch) },
        },
      ],
    });
    const { total, first } = report.results![0].mismatches!;
    expect(total).toBe(1000);
    expect(first).toHaveLength(10);
    expect(first[0].expected.startsWith('"␛[2Jyyy')).toBe(true);
    expect(first[0].expected).toHaveLength(128);
    expect(first[0].actual).toBe('"␀"');
  });
});
