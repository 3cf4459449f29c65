import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toolchainSpec } from '@wb/common';
import { HIDDEN_LEAK_MARKERS, LEAKY_PROGRAM } from '../support/leaky-program';
import { startPlatform, TestPlatform } from '../support/platform';
import { freePort, ROOT } from '../support/processes';
import { buildWb, expectWbExit, newWbStudent, WB_EXIT, WbStudent } from '../support/wb';

const LAB = 'vector-add-cpp';
const LAB_DIR = join(ROOT, 'mps', LAB);
const PUBLIC_DATASETS = ['0', '1', '2', '3', '4', '5'];

jest.setTimeout(180_000);

describe('wb, the local client, against the gateway and a C++ worker', () => {
  let platform: TestPlatform;
  let scratch: string;
  let studentCount = 0;

  beforeAll(async () => {
    buildWb();
    scratch = mkdtempSync(join(tmpdir(), 'wb-client-e2e-'));
    platform = await startPlatform();
  });

  afterAll(async () => {
    await platform?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  const newStudent = () => newWbStudent(platform, scratch, `wbcli${++studentCount}_${process.pid}`);

  async function loggedInStudent(): Promise<WbStudent> {
    const student = await newStudent();
    expectWbExit(await student.wb(['login', '--server', platform.baseUrl, '--key', student.apiKey]), WB_EXIT.ok);
    return student;
  }

  async function pulledStudent(): Promise<WbStudent> {
    const student = await loggedInStudent();
    expectWbExit(await student.wb(['pull', LAB]), WB_EXIT.ok);
    return student;
  }

  const programPath = (s: WbStudent) => join(s.work, LAB, 'program.cpp');
  const useSolution = (s: WbStudent) => copyFileSync(join(LAB_DIR, 'solution.cpp'), programPath(s));

  it('prints its version and help', async () => {
    const student = await newStudent();
    const version = await student.wb(['--version']);
    expectWbExit(version, WB_EXIT.ok);
    expect(version.stdout).toMatch(/^wb \d+\.\d+\.\d+\n$/);
    const help = await student.wb(['--help']);
    for (const command of ['login', 'pull', 'run', 'save', 'submit', 'grade', 'attempts']) expect(help.stdout).toContain(command);
    const runHelp = await student.wb(['run', '--help']);
    expectWbExit(runHelp, WB_EXIT.ok);
    expect(runHelp.stdout).toContain('--dataset');
    expectWbExit(await student.wb(['frobnicate']), WB_EXIT.usage);
  });

  describe('login', () => {
    it('checks the key with the server, then saves it readable by the student only', async () => {
      const student = await newStudent();
      const login = await student.wb(['login', '--server', `${platform.baseUrl}/`, '--key', student.apiKey]);
      expectWbExit(login, WB_EXIT.ok);
      expect(login.stdout).toContain(`as ${student.username} (student)`);
      const config = join(student.home, '.config', 'wb', 'config');
      expect(statSync(config).mode & 0o777).toBe(0o600);
      const text = readFileSync(config, 'utf8');
      expect(text).toContain(`server = ${platform.baseUrl}\n`); // the trailing slash is dropped
      expect(text).toContain(`key = ${student.apiKey}\n`);
    });

    it('reads the key from standard input, keeping it off the command line', async () => {
      const student = await newStudent();
      expectWbExit(await student.wb(['login', '--server', platform.baseUrl], `${student.apiKey}\n`), WB_EXIT.ok);
      expectWbExit(await student.wb(['attempts', LAB]), WB_EXIT.ok);
    });

    it('refuses a wrong key and saves nothing', async () => {
      const student = await newStudent();
      const login = await student.wb(['login', '--server', platform.baseUrl, '--key', 'wb_not_a_real_key']);
      expectWbExit(login, WB_EXIT.auth);
      expect(login.stderr).toMatch(/refused your API key/);
      expect(login.stderr).toMatch(/wb login again/);
      expect(existsSync(join(student.home, '.config', 'wb', 'config'))).toBe(false);
    });

    it('names the URL when the server cannot be reached', async () => {
      const student = await newStudent();
      const closed = `http://127.0.0.1:${await freePort()}`;
      const login = await student.wb(['login', '--server', closed, '--key', student.apiKey]);
      expectWbExit(login, WB_EXIT.unreachable);
      expect(login.stderr).toContain(`cannot reach the wb server at ${closed}`);
    });

    it('says to log in first when there is no configuration', async () => {
      const student = await newStudent();
      const attempts = await student.wb(['attempts', LAB]);
      expectWbExit(attempts, WB_EXIT.notLoggedIn);
      expect(attempts.stderr).toMatch(/not logged in/);
      expect(attempts.stderr).toContain('wb login --server URL');
    });

    it('asks to log in again once the key has been regenerated', async () => {
      const student = await loggedInStudent();
      expect((await student.http.post('/whoami/api_key')).body.apiKey).not.toBe(student.apiKey);
      const attempts = await student.wb(['attempts', LAB]);
      expectWbExit(attempts, WB_EXIT.auth);
      expect(attempts.stderr).toMatch(/wb login again/);
    });
  });

  describe('pull', () => {
    it('downloads the program, description, public datasets and the lab settings', async () => {
      const student = await loggedInStudent();
      const pull = await student.wb(['pull', LAB]);
      expectWbExit(pull, WB_EXIT.ok);
      const lab = join(student.work, LAB);
      expect(readFileSync(join(lab, 'program.cpp'), 'utf8')).toBe(readFileSync(join(LAB_DIR, 'template.cpp'), 'utf8'));
      expect(readFileSync(join(lab, 'description.html'), 'utf8')).toMatch(/<\w+/);
      expect(readdirSync(join(lab, 'datasets')).sort()).toEqual(PUBLIC_DATASETS); // never the hidden 6 and 7
      for (const dataset of PUBLIC_DATASETS) {
        for (const file of ['input0.raw', 'input1.raw', 'output.raw']) {
          expect(readFileSync(join(lab, 'datasets', dataset, file))).toEqual(readFileSync(join(LAB_DIR, 'datasets', dataset, file)));
        }
      }
      const settings = JSON.parse(readFileSync(join(lab, '.wb-lab.json'), 'utf8'));
      expect(settings).toMatchObject({ id: LAB, toolchain: 'cpp', outputType: 'vector', compileFlags: expect.any(Array) });
      // The recipe wb builds by: the platform's own, so that it compiles as the workers do.
      const { compiler, sourceFile, flags, libwbArchive, libraries } = toolchainSpec('cpp');
      expect(settings.build).toEqual({ compiler, sourceFile, flags, libwbArchive, libraries });
      expect(settings.sync).toMatchObject({ revision: 0, programFile: 'program.cpp', server: platform.baseUrl });
    });

    it('answers an unknown lab with the server message', async () => {
      const student = await loggedInStudent();
      const pull = await student.wb(['pull', 'no-such-lab']);
      expectWbExit(pull, WB_EXIT.notFound);
      expect(pull.stderr).toContain('there is no lab "no-such-lab"');
      expect(existsSync(join(student.work, 'no-such-lab'))).toBe(false);
    });

    it('refuses to overwrite a changed program unless forced, and then keeps a copy', async () => {
      const student = await pulledStudent();
      writeFileSync(programPath(student), '// my work in progress\n');
      const refused = await student.wb(['pull', LAB]);
      expectWbExit(refused, WB_EXIT.conflict);
      expect(refused.stderr).toMatch(/not saved on the server/);
      expect(readFileSync(programPath(student), 'utf8')).toBe('// my work in progress\n');
      expectWbExit(await student.wb(['pull', LAB, '--force']), WB_EXIT.ok);
      expect(readFileSync(`${programPath(student)}.bak`, 'utf8')).toBe('// my work in progress\n');
      expect(readFileSync(programPath(student), 'utf8')).toBe(readFileSync(join(LAB_DIR, 'template.cpp'), 'utf8'));
    });
  });

  describe('run (locally, with libwb)', () => {
    it('fails the template on every dataset with libwb’s message', async () => {
      const student = await pulledStudent();
      const run = await student.wb(['run', LAB]);
      expectWbExit(run, WB_EXIT.failed);
      expect(run.stdout).toMatch(/Solution is NOT correct/);
      expect(run.stdout).toContain('0 of 6 datasets passed.');
    });

    it('passes the reference solution, on all datasets or one', async () => {
      const student = await pulledStudent();
      useSolution(student);
      const run = await student.wb(['run', LAB]);
      expectWbExit(run, WB_EXIT.ok);
      expect(run.stdout.match(/passed +\S+ ms +Solution is correct\./g)).toHaveLength(6);
      expect(run.stdout).toContain('6 of 6 datasets passed.');
      const one = await student.wb(['run', LAB, '--dataset', '2']);
      expectWbExit(one, WB_EXIT.ok);
      expect(one.stdout).toContain('1 of 1 dataset passed.');
      expect(one.stdout).toContain('93 elements');
    });

    it('asks to pull again when the lab was pulled by an older wb, without a build recipe', async () => {
      const student = await pulledStudent();
      const statePath = join(student.work, LAB, '.wb-lab.json');
      const older = JSON.parse(readFileSync(statePath, 'utf8'));
      delete older.build;
      writeFileSync(statePath, JSON.stringify(older));
      const run = await student.wb(['run', LAB]);
      expectWbExit(run, WB_EXIT.local);
      expect(run.stderr).toContain('has no build recipe');
      expect(run.stderr).toContain(`run wb pull ${LAB} again`);
      expectWbExit(await student.wb(['pull', LAB]), WB_EXIT.ok);
      expect(JSON.parse(readFileSync(statePath, 'utf8')).build).toMatchObject({ compiler: 'g++' });
    });

    it('stops a program at the time limit and shows a compile error', async () => {
      const student = await pulledStudent();
      writeFileSync(programPath(student), '#include <wb.h>\nint main() {\n  for (volatile int i = 0;; i++) {}\n}\n');
      const loop = await student.wb(['run', LAB, '--dataset', '0', '--timeout', '1']);
      expectWbExit(loop, WB_EXIT.failed);
      expect(loop.stdout).toMatch(/timeout +1\.\d+ s +stopped at the time limit of 1 s/);
      writeFileSync(programPath(student), '#include <wb.h>\nint main() { return undefined_name; }\n');
      const broken = await student.wb(['run', LAB]);
      expectWbExit(broken, WB_EXIT.failed);
      expect(broken.stdout).toContain('undefined_name');
      expect(broken.stdout).toMatch(/Compilation failed/);
    });
  });

  describe('save', () => {
    it('saves a new revision and refuses a stale one with a way out', async () => {
      const student = await pulledStudent();
      useSolution(student);
      const save = await student.wb(['save', LAB]);
      expectWbExit(save, WB_EXIT.ok);
      expect(save.stdout).toMatch(/as revision 1 at /);
      const solution = readFileSync(join(LAB_DIR, 'solution.cpp'), 'utf8');
      expect((await student.http.get(`/mp/${LAB}/program`)).body).toMatchObject({ program: solution, revision: 1 });

      // Saved meanwhile from the browser: the local copy is now based on an old revision.
      expect((await student.http.post(`/mp/${LAB}/save`, { program: 'from the browser', revision: 1 })).status).toBe(200);
      writeFileSync(programPath(student), `${solution}// one more line\n`);
      const stale = await student.wb(['save', LAB]);
      expectWbExit(stale, WB_EXIT.conflict);
      expect(stale.stderr).toMatch(/newer revision .*revision 2.*based on revision 1/);
      expect(stale.stderr).toContain(`wb pull ${LAB} --force`);
      expect(stale.stderr).toContain(`wb save ${LAB} --force`);
      expect((await student.http.get(`/mp/${LAB}/program`)).body.program).toBe('from the browser');

      const forced = await student.wb(['save', LAB, '--force']);
      expectWbExit(forced, WB_EXIT.ok);
      expect(forced.stdout).toMatch(/as revision 3 /);
      expect((await student.http.get(`/mp/${LAB}/program`)).body.program).toBe(`${solution}// one more line\n`);
    });
  });

  describe('save refusals', () => {
    it('explains a program over the lab size limit', async () => {
      const student = await pulledStudent();
      writeFileSync(programPath(student), `// ${'x'.repeat(70_000)}\n`);
      const save = await student.wb(['save', LAB]);
      expectWbExit(save, WB_EXIT.tooLarge);
      expect(save.stderr).toMatch(/too large .*\(413\): .*65536/);
    });
  });

  describe('submit and attempts', () => {
    it('submits the reference solution and shows it passed on every public dataset', async () => {
      const student = await pulledStudent();
      useSolution(student);
      const submit = await student.wb(['submit', LAB]);
      expectWbExit(submit, WB_EXIT.ok);
      expect(submit.stdout).toMatch(/on all public datasets: passed/);
      expect(submit.stdout.match(/passed +\S+ ms +the solution is correct/g)).toHaveLength(6);
      expect(submit.stdout).toMatch(/libwb timers/);
      expect(submit.stdout).toMatch(/PASSED\n$/);

      const attempts = await student.wb(['attempts', LAB]);
      expectWbExit(attempts, WB_EXIT.ok);
      const [listed] = (await student.http.get(`/mp/${LAB}/attempts`)).body;
      expect(attempts.stdout).toMatch(new RegExp(`${listed.id} +\\S+ +all +passed +yes`));

      // Submitting saved the program, and wb kept its record in step: saving again is not stale.
      expectWbExit(await student.wb(['save', LAB]), WB_EXIT.ok);
    });

    it('submits the template on one dataset and shows why it failed', async () => {
      const student = await pulledStudent();
      const submit = await student.wb(['submit', LAB, '--dataset', '0']);
      expectWbExit(submit, WB_EXIT.failed);
      expect(submit.stdout).toMatch(/on dataset 0: failed/);
      expect(submit.stdout).toMatch(/mismatch at index \d+: expected .+, got .+/);
      expect(submit.stdout).toMatch(/NOT PASSED \(failed\)/);
    });

    it('says when to retry after a submission within 3 s', async () => {
      const student = await pulledStudent();
      const program = readFileSync(programPath(student), 'utf8');
      expect((await student.http.post(`/mp/${LAB}/submit`, { program, dataset: 0 })).status).toBe(202);
      const submit = await student.wb(['submit', LAB, '--dataset', '0']);
      expectWbExit(submit, WB_EXIT.rateLimited);
      expect(submit.stderr).toMatch(/\(429\)/);
      expect(submit.stderr).toMatch(/try again in [1-3] s/);
    });

    it('refuses an unknown dataset with the server message', async () => {
      const student = await pulledStudent();
      const submit = await student.wb(['submit', LAB, '--dataset', '99']);
      expectWbExit(submit, WB_EXIT.refused);
      expect(submit.stderr).toContain('no public dataset 99');
    });

    it('lists no attempts for a new student', async () => {
      const student = await loggedInStudent();
      const attempts = await student.wb(['attempts', LAB]);
      expectWbExit(attempts, WB_EXIT.ok);
      expect(attempts.stdout).toMatch(/No attempts at vector-add-cpp yet/);
    });
  });

  describe('grade', () => {
    it('grades the saved program, or says clearly that the server does not offer grading yet', async () => {
      const student = await pulledStudent();
      useSolution(student);
      expectWbExit(await student.wb(['save', LAB]), WB_EXIT.ok);
      const grade = await student.wb(['grade', LAB]);
      if (grade.status === WB_EXIT.unsupported) {
        expect(grade.stderr).toMatch(/grading is not available on .* yet/);
        expect(grade.stderr).not.toMatch(/Segmentation|Aborted/);
      } else {
        expectWbExit(grade, WB_EXIT.ok);
        expect(grade.stdout).toMatch(/Grade for vector-add-cpp: 100 \/ 100/);
      }
    });

    it('prints nothing of what the program printed on a hidden dataset', async () => {
      const student = await pulledStudent();
      writeFileSync(programPath(student), LEAKY_PROGRAM);
      expectWbExit(await student.wb(['save', LAB]), WB_EXIT.ok);
      const grade = await student.wb(['grade', LAB]);
      const attempts = await student.wb(['attempts', LAB]);
      const seen = `${grade.stdout}${grade.stderr}${attempts.stdout}${attempts.stderr}`;
      expect(HIDDEN_LEAK_MARKERS.filter((marker) => seen.includes(marker))).toEqual([]);
      if (grade.status !== WB_EXIT.unsupported) expect(grade.stdout).toMatch(/Grade for vector-add-cpp: 0 \/ 100/);
    });

    it('answers an unknown lab with the server message', async () => {
      const student = await loggedInStudent();
      const grade = await student.wb(['grade', 'no-such-lab']);
      expectWbExit(grade, WB_EXIT.notFound);
      expect(grade.stderr).toContain('there is no lab "no-such-lab"');
    });
  });
});
