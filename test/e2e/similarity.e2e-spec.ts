import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { seedGradedProgram } from '../support/graded-programs';
import { HttpClient } from '../support/http-client';
import { startPlatform, TestPlatform } from '../support/platform';
import { CORPUS_LAB, pairKey, similarityCorpus } from '../support/similarity-corpus';

jest.setTimeout(180_000);

interface Pair {
  id: string;
  left: { kind: string; label: string; attemptId?: string };
  right: { kind: string; label: string; attemptId?: string };
  similarity: number;
}

/**
 * Similarity reports end to end: twenty students of a lab, each with a graded counting program
 * (honest independent solutions and planted disguised copies), the report computed by the grader's
 * job and read by staff as JSON, CSV and pages; earlier terms' programs imported and compared.
 */
describe('similarity reports', () => {
  let platform: TestPlatform;
  let db: Client;
  let admin: HttpClient;
  let student: HttpClient;
  const corpus = similarityCorpus();
  /** username → corpus file name */
  const fileOf = new Map<string, string>();
  const tag = randomBytes(3).toString('hex');

  async function signup(username: string): Promise<HttpClient> {
    const client = platform.client();
    expect((await client.post('/signup', { user: username, pass: 'correct horse battery' })).status).toBe(201);
    return client;
  }

  const seedGrade = (username: string, program: string, score: number, gradedAt: Date) =>
    seedGradedProgram(db, { username, mpId: CORPUS_LAB, program, score, gradedAt });

  async function finishedReport(
    reportId: string,
  ): Promise<{ state: string; pairs: Pair[]; programs: number; archived: number; unanalysed: { label: string; reason: string }[] }> {
    for (let i = 0; i < 600; i++) {
      const res = await admin.get(`/staff/similarity/${CORPUS_LAB}/reports/${reportId}?threshold=0`);
      expect(res.status).toBe(200);
      if (res.body.state === 'done' || res.body.state === 'failed') return res.body;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`report ${reportId} did not finish`);
  }

  const key = (p: Pair) => pairKey(fileOf.get(p.left.label) ?? p.left.label, fileOf.get(p.right.label) ?? p.right.label);

  beforeAll(async () => {
    platform = await startPlatform({}, { worker: false });
    db = new Client({ connectionString: platform.env.DATABASE_URL });
    await db.connect();
    admin = platform.client();
    expect((await admin.post('/login', { user: 'admin', pass: platform.env.ADMIN_PASSWORD })).status).toBe(200);
    let n = 0;
    for (const [file, program] of corpus.programs) {
      const username = `sim${tag}-${String(++n).padStart(2, '0')}`;
      fileOf.set(username, file);
      const client = await signup(username);
      if (n === 1) student = client;
      await seedGrade(username, program, 90, new Date(Date.now() - 3_600_000));
    }
    // A student whose earlier, lower grade was a copy of a planted original: only the counting
    // (best) program is compared, so that copy must not show up.
    const [firstHonest] = [...fileOf].find(([, f]) => f.startsWith('honest-'))!;
    await seedGrade(firstHonest, corpus.programs.get(corpus.planted[0][0])!, 10, new Date(Date.now() - 7_200_000));
  });

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
  });

  it('ranks every planted pair above every honest pair, with fragments, pages and a CSV', async () => {
    // Two staff asking at once start one report.
    const [first, second] = await Promise.all([
      admin.post(`/staff/similarity/${CORPUS_LAB}/reports`),
      admin.post(`/staff/similarity/${CORPUS_LAB}/reports`),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 202]);
    expect(first.body.id).toBe(second.body.id);
    expect([first.body.created, second.body.created].sort()).toEqual([false, true]);

    const report = await finishedReport(first.body.id);
    expect(report.state).toBe('done');
    expect(report.programs).toBe(corpus.programs.size);

    const planted = new Set(corpus.planted.map(([a, b]) => pairKey(a, b)));
    const found = report.pairs.filter((p) => planted.has(key(p)));
    expect(found.map(key).sort()).toEqual([...planted].sort());
    const honest = report.pairs.filter((p) => !planted.has(key(p)));
    const weakestPlanted = Math.min(...found.map((p) => p.similarity));
    // Pairs below the report's floor are not kept; every kept honest pair ranks below every planted one.
    expect(Math.max(...honest.map((p) => p.similarity))).toBeLessThan(weakestPlanted);
    expect(report.pairs.slice(0, planted.size).map(key).sort()).toEqual([...planted].sort());
    expect(report.pairs.every((p) => p.left.kind === 'student' && p.right.kind === 'student')).toBe(true);

    // One pair side by side: both programs and the fragments they share.
    const top = report.pairs[0];
    const pair = await admin.get(`/staff/similarity/${CORPUS_LAB}/reports/${first.body.id}/pairs/${top.id}`);
    expect(pair.status).toBe(200);
    expect(pair.body.leftProgram).toBe(corpus.programs.get(fileOf.get(top.left.label)!));
    expect(pair.body.rightProgram).toBe(corpus.programs.get(fileOf.get(top.right.label)!));
    expect(pair.body.fragments.length).toBeGreaterThan(0);
    for (const f of pair.body.fragments) {
      expect(f.left[0]).toBeLessThanOrEqual(f.left[2]);
      expect(f.right[2]).toBeLessThan(pair.body.rightProgram.split('\n').length);
    }
    const page = await admin.get(`/admin/similarity/${CORPUS_LAB}/reports/${first.body.id}/pairs/${top.id}`, { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<mark class="shared"');
    expect(page.text).toContain('&lt;wb.h&gt;'); // the programs are shown as escaped text

    const reportPage = await admin.get(`/admin/similarity/${CORPUS_LAB}/reports/${first.body.id}`, { accept: 'text/html' });
    expect(reportPage.status).toBe(200);
    for (const p of found) expect(reportPage.text).toContain(`/pairs/${p.id}`);

    const csv = await admin.get(`/staff/similarity/${CORPUS_LAB}/reports/${first.body.id}/export.csv?threshold=0`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('similarity,longest_fragment,overlap,left,left_kind,left_attempt_id,right,right_kind,right_attempt_id,pair_id');
    expect(lines).toHaveLength(report.pairs.length + 1);
    expect(lines[1]).toContain(top.id);
  });

  it('compares this term with imported earlier terms, never earlier terms with each other', async () => {
    const copied = corpus.programs.get('honest-05.cu')!;
    const reformatted = copied.replace(/^( {2})+/gm, (indent) => '\t'.repeat(indent.length / 2)).replace(/\{\n/g, '{\n\n');
    const form = new FormData();
    form.append('term', 'fa25');
    form.append('programs', new Blob([reformatted]), 'old-student.cu');
    form.append('programs', new Blob([copied]), 'old-twin.cu');
    form.append('programs', new Blob([corpus.programs.get('honest-07.cu')!]), '=HYPERLINK("x").cu');
    const imported = await admin.post(`/staff/similarity/${CORPUS_LAB}/archive`, form);
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ term: 'fa25', added: 3, replaced: 0 });
    const again = new FormData();
    again.append('term', 'fa25');
    again.append('programs', new Blob([reformatted]), 'old-student.cu');
    expect((await admin.post(`/staff/similarity/${CORPUS_LAB}/archive`, again)).body).toMatchObject({ added: 0, replaced: 1 });
    expect((await admin.get(`/staff/similarity/${CORPUS_LAB}/archive`)).body).toEqual([
      expect.objectContaining({ term: 'fa25', programs: 3 }),
    ]);

    const requested = await admin.post(`/staff/similarity/${CORPUS_LAB}/reports`);
    expect(requested.status).toBe(202);
    const report = await finishedReport(requested.body.id);
    expect(report).toMatchObject({ state: 'done', programs: corpus.programs.size + 3, archived: 3 });
    const archivedPairs = report.pairs.filter((p) => p.left.kind === 'archived' || p.right.kind === 'archived');
    expect(archivedPairs.every((p) => p.left.kind !== p.right.kind)).toBe(true);
    const honest05 = [...fileOf].find(([, f]) => f === 'honest-05.cu')![0];
    const withOld = archivedPairs.find((p) => [p.left.label, p.right.label].sort().join() === [honest05, 'fa25/old-student'].sort().join());
    expect(withOld?.similarity).toBeGreaterThan(0.9);

    const csv = await admin.get(`/staff/similarity/${CORPUS_LAB}/reports/${requested.body.id}/export.csv?threshold=0`);
    expect(csv.text).toContain(`,"fa25/=HYPERLINK(""x"")",archived,`); // quoted as RFC 4180 wants

    expect((await admin.request('DELETE', `/staff/similarity/${CORPUS_LAB}/archive/fa25`)).body).toMatchObject({ removed: 3 });
    expect((await admin.get(`/staff/similarity/${CORPUS_LAB}/archive`)).body).toEqual([]);
  });

  it('refuses bad requests with a clear 4xx and keeps students out', async () => {
    const bad = async (status: number, res: Promise<{ status: number; body: { error?: string } }>, message: RegExp) => {
      const r = await res;
      expect({ status: r.status, error: r.body?.error }).toEqual({ status, error: expect.stringMatching(message) });
    };
    const reports = (await admin.get(`/staff/similarity/${CORPUS_LAB}/reports`)).body as { id: string }[];
    const reportId = reports[0].id;
    await bad(400, admin.get(`/staff/similarity/${CORPUS_LAB}/reports/${reportId}?threshold=2`), /threshold must be a number from 0 to 1/);
    await bad(400, admin.get(`/staff/similarity/${CORPUS_LAB}/reports/${reportId}?threshold=abc`), /threshold/);
    await bad(404, admin.get(`/staff/similarity/no-such-lab/reports`), /no lab "no-such-lab"/);
    await bad(404, admin.get(`/staff/similarity/${CORPUS_LAB}/reports/not-a-uuid`), /no similarity report/);
    await bad(404, admin.get(`/staff/similarity/vector-add/reports/${reportId}`), /no similarity report/);
    await bad(404, admin.get(`/staff/similarity/${CORPUS_LAB}/reports/${reportId}/pairs/${reportId}`), /no pair/);
    await bad(404, admin.request('DELETE', `/staff/similarity/${CORPUS_LAB}/archive/never`), /no programs of term "never"/);

    const otherField = () => {
      const form = new FormData();
      form.append('term', 'fa25');
      form.append('notes', new Blob(['int main(){}']), 'a.cu');
      return form;
    };
    const upload = (term: string, files: [string, BlobPart][]) => {
      const form = new FormData();
      form.append('term', term);
      for (const [name, content] of files) form.append('programs', new Blob([content]), name);
      return admin.post(`/staff/similarity/${CORPUS_LAB}/archive`, form);
    };
    await bad(400, upload('fa25', []), /multipart\/form-data files in the field "programs"/);
    await bad(400, upload('', [['a.cu', 'int main(){}']]), /term must be/);
    await bad(400, upload('../../etc', [['a.cu', 'int main(){}']]), /term must be/);
    await bad(
      400,
      upload('fa25', [
        ['a.cu', 'int main(){}'],
        ['a.cpp', 'int main(){}'],
      ]),
      /both by "a"/,
    );
    await bad(400, upload('fa25', [['nul.cu', 'int main(){}\0']]), /"nul.cu" contains NUL bytes/);
    await bad(400, upload('fa25', [['latin1.cu', new Uint8Array([0x69, 0x6e, 0x74, 0xe9, 0xff])]]), /"latin1.cu" is not UTF-8 text/);
    await bad(
      413,
      upload('fa25', [['big.cu', 'x'.repeat(65_537)]]),
      /"big.cu" is 65537 bytes; a program of "histogram-equalization" may be at most 65536/,
    );
    await bad(413, upload('fa25', [['huge.cu', 'x'.repeat(4 * 1024 * 1024 + 1)]]), /a file is larger than 4 MB/);
    await bad(400, admin.post(`/staff/similarity/${CORPUS_LAB}/archive`, otherField()), /unexpected file field "notes"/);
    await bad(400, admin.post(`/staff/similarity/${CORPUS_LAB}/archive`, { term: 'fa25' }), /files in the field "programs"/);
    expect((await admin.get(`/staff/similarity/${CORPUS_LAB}/archive`)).body).toEqual([]); // nothing half-imported

    for (const path of [
      `/staff/similarity/${CORPUS_LAB}/reports`,
      `/staff/similarity/${CORPUS_LAB}/reports/${reportId}`,
      `/admin/similarity`,
    ]) {
      expect((await student.get(path)).status).toBe(403);
    }
    expect((await student.post(`/staff/similarity/${CORPUS_LAB}/reports`)).status).toBe(403);
    expect((await platform.client().get(`/staff/similarity/${CORPUS_LAB}/reports`)).status).toBe(401);
  });

  it('finishes a report when a program cannot be analysed, naming it', async () => {
    const username = `sim${tag}-deep`;
    await signup(username);
    await seedGrade(username, `int main() { return ${'('.repeat(40_000)}1${')'.repeat(40_000)}; }`, 50, new Date());
    const requested = await admin.post(`/staff/similarity/${CORPUS_LAB}/reports`);
    const report = await finishedReport(requested.body.id);
    expect(report).toMatchObject({
      state: 'done',
      programs: corpus.programs.size + 1,
      unanalysed: [{ label: username, reason: 'nested too deeply to analyse' }],
    });
    expect(report.pairs.length).toBeGreaterThanOrEqual(corpus.planted.length);
    const page = await admin.get(`/admin/similarity/${CORPUS_LAB}/reports/${requested.body.id}`, { accept: 'text/html' });
    expect(page.text).toMatch(new RegExp(`Not compared \\(look at these by hand\\): ${username} \\(nested too deeply to analyse\\)`));
  });

  it('lists labs and reports as pages', async () => {
    const labs = await admin.get('/admin/similarity', { accept: 'text/html' });
    expect(labs.status).toBe(200);
    expect(labs.text).toContain(`href="/admin/similarity/${CORPUS_LAB}"`);
    const lab = await admin.get(`/admin/similarity/${CORPUS_LAB}`, { accept: 'text/html' });
    expect(lab.status).toBe(200);
    expect(lab.text).toContain(`action="/staff/similarity/${CORPUS_LAB}/reports"`);
    expect(lab.text).toContain('enctype="multipart/form-data"');
    // The form posts and is led to the report's page.
    const posted = await admin.post(`/staff/similarity/${CORPUS_LAB}/reports`, '', {
      accept: 'text/html',
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toMatch(new RegExp(`^/admin/similarity/${CORPUS_LAB}/reports/[0-9a-f-]{36}$`));
  });
});
