import { ANONYMOUS, leaderboards, RankedTiming } from './leaderboard';

let clock = 0;
function timing(userId: string, medianMs: number, extra: Partial<RankedTiming> = {}): RankedTiming {
  clock += 1000;
  return {
    id: `t${clock}`,
    userId,
    reference: false,
    medianMs,
    minMs: medianMs * 0.9,
    maxMs: medianMs * 1.1,
    spread: 0.2,
    runs: [1, 2, 3, 4, 5].map((seed) => ({ seed, passed: true, timeMs: medianMs, message: 'correct' })),
    deviceModel: 'NVIDIA H200',
    hiddenReason: null,
    createdAt: new Date(clock),
    ...extra,
  };
}

describe('leaderboards', () => {
  const names = new Map([
    ['ada', 'Ada L.'],
    ['bob', 'bob'],
  ]);

  it("keeps each student's best figure, fastest first, anonymous unless the student chose a name", () => {
    const [board] = leaderboards([timing('ada', 3), timing('bob', 2.5), timing('ada', 2), timing('cy', 4), timing('bob', 9)], names, 'cy');
    expect(board.device).toBe('NVIDIA H200');
    expect(board.entries.map((e) => [e.rank, e.name, e.medianMs, e.own])).toEqual([
      [1, 'Ada L.', 2, false],
      [2, 'bob', 2.5, false],
      [3, ANONYMOUS, 4, true],
    ]);
    expect(board.entries[0].runs).toBe(5);
    expect(board.entries[0].spread).toBe(0.2);
  });

  it('ranks ties alike, the earlier figure first', () => {
    const [board] = leaderboards([timing('ada', 1), timing('bob', 2), timing('cy', 2), timing('dee', 3)], names, 'x');
    expect(board.entries.map((e) => [e.rank, e.name])).toEqual([
      [1, 'Ada L.'],
      [2, 'bob'],
      [2, ANONYMOUS],
      [4, ANONYMOUS],
    ]);
  });

  it("leaves out a hidden figure, and the student's next best takes its place", () => {
    const [board] = leaderboards([timing('ada', 3), timing('ada', 0.001, { hiddenReason: 'timer patched' }), timing('bob', 2)], names, 'x');
    expect(board.entries.map((e) => [e.name, e.medianMs])).toEqual([
      ['bob', 2],
      ['Ada L.', 3],
    ]);
  });

  it('draws one board per device model, each with its newest reference figure as a line, not a rank', () => {
    const boards = leaderboards(
      [
        timing('staff', 5, { reference: true }),
        timing('staff', 1.5, { reference: true }),
        timing('ada', 2),
        timing('bob', 30, { deviceModel: 'AMD EPYC 7R13 Processor' }),
      ],
      names,
      'bob',
    );
    expect(boards.map((b) => [b.device, b.reference?.medianMs ?? null, b.entries.map((e) => e.name)])).toEqual([
      ['AMD EPYC 7R13 Processor', null, ['bob']],
      ['NVIDIA H200', 1.5, ['Ada L.']],
    ]);
    expect(boards[0].entries[0].own).toBe(true);
  });
});
