import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { BoxSpawner, SLOTS_PER_SPAWNER, SpawnedLauncher } from './box-spawner';
import { SandboxError } from './sandbox-error';

const SANDBOX = join(__dirname, '..', '..', 'sandbox');
const SPAWNER = join(SANDBOX, 'build', 'wb-box-spawner');

/**
 * The real wb-box-spawner, with /bin/sh standing in for the launcher: what the launcher is given
 * (its fds, environment, folder, session, signals) is what these scripts print.
 */
describe('BoxSpawner', () => {
  let spawner: BoxSpawner;
  let dir: string;

  beforeAll(() => execFileSync('make', ['-s', '-C', SANDBOX], { stdio: 'inherit' }));
  beforeEach(() => {
    spawner = new BoxSpawner(SPAWNER, '/bin/sh');
    dir = mkdtempSync(join(tmpdir(), 'wb-spawner-spec-'));
  });
  afterEach(() => {
    spawner.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sh = (script: string, cgroupJoinFiles: string[] = []) => spawner.start({ args: ['-c', script], cgroupJoinFiles });
  const text = (stream: Readable) =>
    new Promise<string>((resolve) => {
      let all = '';
      stream.on('data', (chunk: Buffer) => (all += chunk.toString()));
      stream.on('close', () => resolve(all));
    });

  it('starts the launcher with its four pipes on fds 1 to 4, stdin empty, no environment, in /', async () => {
    const launcher = sh(
      'read -r line <&4; echo "out $line $(pwd) $(env | grep -v "^PWD=\\|^SHLVL=\\|^_=" | wc -l)"; echo err >&2; echo status >&3; cat',
    );
    launcher.request.end('hello\n');
    const [out, err, status, exit] = await Promise.all([
      text(launcher.stdout),
      text(launcher.stderr),
      text(launcher.status),
      launcher.exited,
    ]);
    expect(out).toBe('out hello / 0\n');
    expect(err).toBe('err\n');
    expect(status).toBe('status\n');
    expect(exit).toEqual({ exitCode: 0, signal: null });
    expect(launcher.pid).toBeGreaterThan(1);
  });

  it('hands over nothing else: only fds 0 to 4 and the cgroup join files, opened for writing', async () => {
    const joinFile = join(dir, 'cgroup.procs');
    writeFileSync(joinFile, '');
    const launcher = sh('ls /proc/self/fd; echo joined >&5', [joinFile]);
    launcher.request.end();
    const out = await text(launcher.stdout);
    await launcher.exited;
    // ls's own fd for the folder it lists is the one more
    const fds = out.trim().split('\n').map(Number);
    expect(fds.filter((fd) => fd <= 5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(fds.filter((fd) => fd > 5)).toHaveLength(1);
    expect(readFileSync(joinFile, 'utf8')).toBe('joined\n');
  });

  it('runs the launcher in a session of its own, with every signal at its default and none blocked', async () => {
    const launcher = sh('ps -o sid= -o pgid= -p $$; grep -E "^Sig(Blk|Ign)" /proc/self/status; echo pid $$');
    launcher.request.end();
    const out = await text(launcher.stdout);
    await launcher.exited;
    const [sid, pgid] = out.trim().split('\n')[0].trim().split(/\s+/).map(Number);
    expect(sid).toBe(launcher.pid);
    expect(pgid).toBe(launcher.pid);
    expect(out).toMatch(/^SigBlk:\s+0+$/m);
    expect(out).toMatch(/^SigIgn:\s+0+$/m); // SIGPIPE, which the spawner ignores, is not ignored here
  });

  it('reports the exit code, and a signal as a signal', async () => {
    const codes = sh('exit 7');
    const signalled = sh('kill -TERM $$');
    codes.request.end();
    signalled.request.end();
    expect(await codes.exited).toEqual({ exitCode: 7, signal: null });
    expect(await signalled.exited).toEqual({ exitCode: null, signal: 'SIGTERM' });
  });

  it("kills the launcher's whole process group, and what is left of the group when the launcher ends", async () => {
    const killed = sh('sleep 60 & echo $! >&3; sleep 60');
    const pidOfChild = Number((await firstLine(killed.status)).trim());
    killed.kill();
    expect(await killed.exited).toEqual({ exitCode: null, signal: 'SIGKILL' });
    await expectGone(pidOfChild);

    const leaver = sh('sleep 60 & echo $! >&3; exit 0');
    const left = Number((await firstLine(leaver.status)).trim());
    expect(await leaver.exited).toEqual({ exitCode: 0, signal: null });
    await expectGone(left);
  });

  it('ignores a kill after the end', async () => {
    const launcher = sh('exit 0');
    launcher.request.end();
    await launcher.exited;
    launcher.kill();
    expect(await sh('exit 3').exited).toEqual({ exitCode: 3, signal: null });
  });

  it('keeps arguments byte for byte (spaces, newlines, non-ASCII, empty ones) and refuses a NUL', async () => {
    const args = ['-c', 'printf "[%s]" "$@"', 'sh', 'a b', 'line\nbreak', 'é✓', '', '--'];
    const launcher = spawner.start({ args, cgroupJoinFiles: [] });
    launcher.request.end();
    expect(await text(launcher.stdout)).toBe('[a b][line\nbreak][é✓][][--]');
    expect(() => sh('echo a\0b')).toThrow(SandboxError);
  });

  it('says why a launcher could not start (a cgroup file that cannot be opened), and goes on with the next', async () => {
    const failed = sh('exit 0', [join(dir, 'missing', 'cgroup.procs')]);
    await expect(failed.exited).rejects.toThrow(/cannot start the box launcher: errno 2/);
    expect(await sh('exit 5').exited).toEqual({ exitCode: 5, signal: null });
  });

  it('says why a launcher could not be run at all (its path), for every launcher asked for', async () => {
    const broken = new BoxSpawner(SPAWNER, join(dir, 'no-such-launcher'));
    for (let i = 0; i < 2; i++)
      await expect(broken.start({ args: [], cgroupJoinFiles: [] }).exited).rejects.toThrow(/cannot start the box launcher: errno 2/);
    broken.close();
  });

  it(`starts a new spawner after ${SLOTS_PER_SPAWNER} launchers, and each leaves once its launchers have ended`, async () => {
    const launchers: SpawnedLauncher[] = [];
    for (let i = 0; i < SLOTS_PER_SPAWNER + 2; i++) launchers.push(sh(`read -r go <&4; echo $PPID >&3; exit ${i % 100}`));
    launchers.forEach((l) => l.request.end('go\n'));
    const parents = await Promise.all(launchers.map((l) => firstLine(l.status).then(Number)));
    const exits = await Promise.all(launchers.map((l) => l.exited));
    expect(exits.map((e) => e.exitCode)).toEqual(launchers.map((_, i) => i % 100));
    const spawners = [...new Set(parents)];
    expect(spawners).toHaveLength(2);
    expect(parents.filter((p) => p === spawners[0])).toHaveLength(SLOTS_PER_SPAWNER);
    await expectGone(spawners[0]); // every slot used and ended
    expect(running(spawners[1])).toBe(true);
    spawner.close();
    await expectGone(spawners[1]);
  });

  it('fails the launchers of a spawner that died and kills their process groups', async () => {
    const running = sh('echo $PPID >&3; exec sleep 60');
    process.kill(Number(await firstLine(running.status)), 'SIGKILL');
    await expect(running.exited).rejects.toThrow(/box spawner ended/);
    await expectGone(running.pid!);
    // The next box gets a new spawner.
    expect(await sh('exit 0').exited).toEqual({ exitCode: 0, signal: null });
  });

  it('fails a launcher at once when the spawner cannot be run', async () => {
    const missing = new BoxSpawner(join(dir, 'no-such-spawner'), '/bin/sh');
    await expect(missing.start({ args: ['-c', 'exit 0'], cgroupJoinFiles: [] }).exited).rejects.toThrow(/cannot start .*no-such-spawner/);
  });
});

function firstLine(stream: Readable): Promise<string> {
  return new Promise((resolve) => {
    let all = '';
    stream.on('data', (chunk: Buffer) => {
      all += chunk.toString();
      if (all.includes('\n')) resolve(all.slice(0, all.indexOf('\n')));
    });
  });
}

/** Whether the process runs (a zombie does not). */
function running(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

/** That the process is gone within a few seconds. */
async function expectGone(pid: number): Promise<void> {
  for (let i = 0; i < 100 && running(pid); i++) await new Promise((r) => setTimeout(r, 50));
  expect(running(pid)).toBe(false);
}
