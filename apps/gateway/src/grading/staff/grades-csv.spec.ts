import { gradesCsv } from './grades-csv';

describe('gradesCsv', () => {
  it('writes a header and one quoted-where-needed row per grade, defusing formulas', () => {
    const csv = gradesCsv([
      {
        gradeId: 'g1',
        username: '=cmd|x',
        userId: 'u1',
        score: 55.5,
        maxScore: 100,
        late: false,
        gradedAt: new Date('2026-01-02T03:04:05Z'),
        attemptId: 'a1',
        passbackState: 'sent',
        overridden: true,
      },
    ]);
    expect(csv).toBe(
      'grade_id,username,user_id,score,max_score,late,graded_at,attempt_id,passback,overridden\r\n' +
        "g1,'=cmd|x,u1,55.5,100,false,2026-01-02T03:04:05.000Z,a1,sent,true\r\n",
    );
    expect(
      gradesCsv([
        {
          gradeId: 'g',
          username: 'a,"b"',
          userId: 'u',
          score: 0,
          maxScore: 1,
          late: true,
          gradedAt: new Date(0),
          attemptId: 'x',
          passbackState: 'none',
          overridden: false,
        },
      ]),
    ).toContain('"a,""b""",u,0,1,true');
  });
});
