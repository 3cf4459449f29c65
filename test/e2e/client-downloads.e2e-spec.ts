import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatform, TestPlatform } from '../support/platform';
import { ROOT } from '../support/processes';
import { WB } from '../support/wb';

const LAB = 'vector-add-cpp';

jest.setTimeout(180_000);

/** Fails with what the command printed, so a failure explains itself. */
function expectSuccess(result: SpawnSyncReturns<string>, what: string): string {
  if (result.status !== 0)
    throw new Error(`${what} exited with ${result.status}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
  return result.stdout;
}

/**
 * A student sets up their own machine from the server alone, as /whoami tells them: the `wb`
 * binary and libwb come from GET /downloads/…, no checkout of wb involved.
 */
describe('the local client and libwb, downloaded from the server', () => {
  let platform: TestPlatform;
  let machine: string;

  beforeAll(async () => {
    machine = mkdtempSync(join(tmpdir(), 'wb-downloads-e2e-'));
    platform = await startPlatform({}, { worker: false, grader: false });
  });

  afterAll(async () => {
    await platform?.stop();
    if (machine) rmSync(machine, { recursive: true, force: true });
  });

  /** Runs a command as on the student's machine: their home, nothing of this checkout on the way. */
  const run = (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) =>
    spawnSync(command, args, {
      cwd,
      encoding: 'utf8',
      timeout: 120_000,
      env: { PATH: process.env.PATH, HOME: machine, XDG_CONFIG_HOME: join(machine, '.config'), TMPDIR: machine, LANG: 'C.UTF-8', ...env },
    });

  it('serves the wb binary the platform built, without a login, and it runs', async () => {
    const res = await fetch(`${platform.baseUrl}/downloads/wb`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="wb"');
    const binary = Buffer.from(await res.arrayBuffer());
    expect(binary.equals(readFileSync(WB))).toBe(true);

    const bin = join(machine, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'wb'), binary);
    chmodSync(join(bin, 'wb'), 0o755);
    expect(expectSuccess(run(join(bin, 'wb'), ['--version'], machine), 'wb --version')).toMatch(/^wb \d+\.\d+\.\d+\n$/);
    expect(expectSuccess(run(join(bin, 'wb'), ['--help'], machine), 'wb --help')).toMatch(/usage: wb COMMAND/);
  });

  it('serves libwb as a tar.gz (headers and static libraries) that a program compiles and links against', async () => {
    const res = await fetch(`${platform.baseUrl}/downloads/libwb.tar.gz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/gzip/);
    const archive = Buffer.from(await res.arrayBuffer());
    // The same archive again (ClientDownloads' spec shows it is packed once, not per request).
    const again = await fetch(`${platform.baseUrl}/downloads/libwb.tar.gz`);
    expect(Buffer.from(await again.arrayBuffer()).equals(archive)).toBe(true);
    expect(again.headers.get('etag')).toBe(res.headers.get('etag'));

    const share = join(machine, 'share');
    mkdirSync(share);
    writeFileSync(join(machine, 'libwb.tar.gz'), archive);
    expectSuccess(run('tar', ['-xzf', join(machine, 'libwb.tar.gz'), '-C', share], machine), 'tar');
    const libwb = join(share, 'libwb');
    expect(readFileSync(join(libwb, 'include', 'wb.h'))).toEqual(readFileSync(join(ROOT, 'libs', 'libwb', 'include', 'wb.h')));
    expect(existsSync(join(libwb, 'build', 'libwb.a'))).toBe(true);
    const listing = expectSuccess(run('tar', ['-tzvf', join(machine, 'libwb.tar.gz')], machine), 'tar -t');
    expect(listing).not.toMatch(/\broot\b/); // nothing of the server's users inside

    // A tiny program against the downloaded headers and archive, built as the workers build it.
    const program = join(machine, 'hello.cpp');
    writeFileSync(
      program,
      '#include <wb.h>\nint main(int argc, char **argv) {\n  wbArg_t args = wbArg_read(argc, argv);\n  (void)args;\n  wbLog(INFO, "hello from libwb");\n  return 0;\n}\n',
    );
    const hello = join(machine, 'hello');
    expectSuccess(
      run(
        'g++',
        ['-O2', '-std=c++17', `-I${join(libwb, 'include')}`, program, '-o', hello, join(libwb, 'build', 'libwb.a'), '-lm'],
        machine,
      ),
      'g++',
    );
    expectSuccess(run(hello, [], machine), 'the program');
  });

  it('lets the downloaded wb log in, pull a lab and judge the solution locally with the downloaded libwb', async () => {
    const http = platform.client();
    expect((await http.post('/signup', { user: `dl${process.pid}`, pass: 'correct horse battery' })).status).toBe(201);
    const apiKey = (await http.get('/whoami')).body.apiKey as string;
    const wb = join(machine, 'bin', 'wb');
    const work = join(machine, 'labs');
    mkdirSync(work);
    expectSuccess(run(wb, ['login', '--server', platform.baseUrl, '--key', apiKey], work), 'wb login');
    expectSuccess(run(wb, ['pull', LAB], work), 'wb pull');
    copyFileSync(join(ROOT, 'mps', LAB, 'solution.cpp'), join(work, LAB, 'program.cpp'));
    const judged = expectSuccess(run(wb, ['run', LAB], work, { WB_LIBWB: join(machine, 'share', 'libwb') }), 'wb run');
    expect(judged).toMatch(/(\d+) of \1 datasets passed/);
  });

  it('shows the install commands and the login command, each with a copy button, on /whoami', async () => {
    const http = platform.client();
    expect((await http.post('/signup', { user: `dlpage${process.pid}`, pass: 'correct horse battery' })).status).toBe(201);
    const page = (await http.get('/whoami', { accept: 'text/html' })).text;
    expect(page).toContain(`curl -fsSL -o ~/.local/bin/wb ${platform.baseUrl}/downloads/wb &amp;&amp; chmod +x ~/.local/bin/wb`);
    expect(page).toContain(`curl -fsSL ${platform.baseUrl}/downloads/libwb.tar.gz | tar -xz -C ~/.local/share/wb`);
    expect(page).toContain('export WB_LIBWB=&quot;$HOME/.local/share/wb/libwb&quot;');
    expect(page).toMatch(/<pre id="client-setup">wb login --server [^<]+ --key wb_[^<]+<\/pre>\n<button[^>]* data-copy="client-setup"/);
    expect(page).toContain('data-copy="client-install"');
  });
});
