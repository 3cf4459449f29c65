import { entryMeta, parseEntryMeta } from './cache-entry';

const KEY = 'f'.repeat(64);
const binary = { bytes: 10, sha256: '0'.repeat(64) };

describe('parseEntryMeta', () => {
  it('reads back what entryMeta wrote', () => {
    for (const meta of [entryMeta(KEY, true, 'ok', binary), entryMeta(KEY, false, 'error: x', null)])
      expect(parseEntryMeta(JSON.stringify(meta), KEY)).toEqual(meta);
  });

  it.each([
    ['not JSON', '{"format":1,'],
    ['not an object', '"text"'],
    ['an older format (1: binaries were 0500)', JSON.stringify({ ...entryMeta(KEY, false, '', null), format: 1 })],
    ['a newer format', JSON.stringify({ ...entryMeta(KEY, false, '', null), format: 3 })],
    ['another key', JSON.stringify(entryMeta('e'.repeat(64), false, '', null))],
    ['a success without a binary', JSON.stringify(entryMeta(KEY, true, '', null))],
    ['an error with a binary', JSON.stringify(entryMeta(KEY, false, '', binary))],
    ['a binary with a bad hash', JSON.stringify(entryMeta(KEY, true, '', { bytes: 10, sha256: 'x' }))],
    ['a binary with a negative size', JSON.stringify(entryMeta(KEY, true, '', { bytes: -1, sha256: '0'.repeat(64) }))],
    ['output that is not text', JSON.stringify({ ...entryMeta(KEY, false, '', null), output: 3 })],
  ])('refuses %s', (_, text) => {
    expect(parseEntryMeta(text, KEY)).toBeNull();
  });
});
