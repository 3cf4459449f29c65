import { requestIdFrom } from './request-id';

describe('requestIdFrom', () => {
  it("keeps a client's id of up to 64 letters, digits, dots, underscores and dashes", () => {
    for (const id of ['a', 'req-42', 'trace-1-5f84c7a1.abc_DEF', 'x'.repeat(64), '0b2f0c4e-8a1d-4a57-9a1e-2f8d6c1e9b3a'])
      expect(requestIdFrom(id)).toBe(id);
  });

  it('makes a new one for a missing, empty, long or unsafe id, and for a repeated header', () => {
    const refused: (string | string[] | undefined)[] = [
      undefined,
      '',
      'x'.repeat(65),
      'has space',
      'quote"d',
      'new\nline',
      'esc\u001b[31m',
      'slash/ed',
      'üñí',
      ['one', 'two'],
    ];
    const made = refused.map(requestIdFrom);
    for (const id of made) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(made).size).toBe(made.length);
  });
});
