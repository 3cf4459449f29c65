import { createValidationPipe, toBody } from '@wb/common';
import { SaveProgramDto } from './save-program.dto';
import { SaveProgramPipe } from './save-program.pipe';

/** What a pipe made of a body: the fields it passed on, or the HTTP error it answered. */
async function outcome(check: () => unknown): Promise<unknown> {
  try {
    const { program, revision } = (await check()) as { program: unknown; revision?: unknown };
    // "No revision" may come out as undefined or null: the route treats both alike.
    return { program, revision: revision ?? 'none' };
  } catch (err) {
    return toBody(err);
  }
}

const ABSENT = Symbol('absent');
const PROGRAMS: unknown[] = [ABSENT, undefined, null, 'int main() {}', '', 'a\u0000b', 5, true, [], ['x'], {}];
const REVISIONS: unknown[] = [
  ABSENT,
  undefined,
  null,
  0,
  -0,
  7,
  -1,
  1.5,
  -1.5,
  2_147_483_647,
  2_147_483_648,
  1e300,
  NaN,
  Infinity,
  -Infinity,
  '3',
  ' 7 ',
  '',
  'abc',
  '0x10',
  '1e3',
  '-1',
  '2147483648',
  'Infinity',
  true,
  false,
  [],
  [5],
  {},
  { revision: 1 },
];

function body(program: unknown, revision: unknown): Record<string, unknown> {
  const fields: Record<string, unknown> = { extra: 'ignored' };
  if (program !== ABSENT) fields.program = program;
  if (revision !== ABSENT) fields.revision = revision;
  return fields;
}

describe('SaveProgramPipe', () => {
  const documented = createValidationPipe();
  const fast = new SaveProgramPipe();
  const viaDto = (value: unknown) => documented.transform(value, { type: 'body', metatype: SaveProgramDto, data: undefined });

  it('answers every combination of odd fields exactly as class-validator answers for SaveProgramDto', async () => {
    let compared = 0;
    for (const program of PROGRAMS) {
      for (const revision of REVISIONS) {
        const value = body(program, revision);
        const expected = await outcome(() => viaDto(value));
        expect({ value, outcome: await outcome(() => fast.transform(value)) }).toEqual({ value, outcome: expected });
        compared++;
      }
    }
    expect(compared).toBe(PROGRAMS.length * REVISIONS.length);
  });

  it('answers a body that is not an object as class-validator does', async () => {
    for (const value of [undefined, null, 'text', 42, true, [], [{ program: 'x', revision: 1 }]]) {
      expect({ value, outcome: await outcome(() => fast.transform(value)) }).toEqual({
        value,
        outcome: await outcome(() => viaDto(value)),
      });
    }
  });

  it('passes a form revision on as a number, and refuses one past what the table holds', async () => {
    expect(fast.transform({ program: 'x', revision: '12' })).toEqual({ program: 'x', revision: 12 });
    expect(fast.transform({ program: 'x' })).toEqual({ program: 'x', revision: undefined });
    expect(await outcome(() => fast.transform({ program: 'x', revision: 2 ** 31 }))).toEqual({
      status: 400,
      body: {
        error: 'revision must not be greater than 2147483647',
        details: [{ field: 'revision', message: 'revision must not be greater than 2147483647' }],
      },
    });
  });
});
