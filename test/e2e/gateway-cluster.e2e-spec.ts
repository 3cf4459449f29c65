import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { startPlatform, TestPlatform } from '../support/platform';

jest.setTimeout(180_000);

const LAB = 'vector-add-cpp';

/** The processes a process forked: a gateway primary's are its gateway processes. */
function childrenOf(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
}

/** Gone, or a zombie that whoever adopted it has yet to reap. */
function exited(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].startsWith('Z');
  } catch {
    return true;
  }
}

/** The inode of the server's end of the TCP connection from `clientPort` to `serverPort`. */
function serverSocketInode(serverPort: number, clientPort: number): string | undefined {
  const hex = (port: number) => `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const [, local, remote, , , , , , , inode] = line.trim().split(/\s+/);
      if (local?.endsWith(hex(serverPort)) && remote?.endsWith(hex(clientPort))) return inode;
    }
  }
  return undefined;
}

/** Which of the processes holds the socket. */
function holderOf(inode: string, pids: number[]): number | undefined {
  const holds = (pid: number, fd: string) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`;
    } catch {
      return false; // closed meanwhile
    }
  };
  return pids.find((pid) => readdirSync(`/proc/${pid}/fd`).some((fd) => holds(pid, fd)));
}

async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Binds the port as the gateway does (every address): fails while anything still listens on it. */
async function expectPortFree(port: number): Promise<void> {
  const server = createServer().listen(port);
  await once(server, 'listening');
  server.close();
  await once(server, 'close');
}

interface Served {
  status: number;
  body: any;
  cookie?: string;
  /** The gateway process that answered. */
  servedBy: number;
}

describe('the gateway on two processes (GATEWAY_PROCESSES=2)', () => {
  let platform: TestPlatform;
  let port: number;
  const primaryPid = () => platform.gateway.child.pid!;

  beforeAll(async () => {
    platform = await startPlatform({ GATEWAY_PROCESSES: '2' }, { worker: false, grader: false });
    port = Number(platform.env.GATEWAY_PORT);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  /**
   * One request on a TCP connection of its own (the cluster hands out connections, not
   * requests), and which gateway process answered: the one holding the server's end of it.
   */
  async function onNewConnection(method: string, path: string, options: { cookie?: string; body?: unknown } = {}): Promise<Served> {
    // Kept alive after the response, so that the server's end can still be looked up.
    const agent = new http.Agent({ keepAlive: true });
    try {
      const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
      const req = http.request(`${platform.baseUrl}${path}`, {
        method,
        agent,
        headers: {
          accept: 'application/json',
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.cookie ? { cookie: options.cookie } : {}),
        },
      });
      req.end(payload);
      const [res] = (await once(req, 'response')) as [http.IncomingMessage];
      const clientPort = res.socket.localPort!;
      let text = '';
      res.setEncoding('utf8');
      for await (const chunk of res) text += chunk;
      const inode = serverSocketInode(port, clientPort);
      const servedBy = inode && holderOf(inode, childrenOf(primaryPid()));
      if (!servedBy) throw new Error(`no gateway process holds the connection from port ${clientPort}`);
      const cookie = res.headers['set-cookie']?.map((c) => c.split(';')[0]).join('; ');
      const json = res.headers['content-type']?.startsWith('application/json');
      return { status: res.statusCode!, body: json ? JSON.parse(text) : text || undefined, cookie, servedBy };
    } finally {
      agent.destroy();
    }
  }

  async function servers(connections: number): Promise<number[]> {
    const servedBy = new Set<number>();
    for (let i = 0; i < connections; i++) {
      const health = await onNewConnection('GET', '/healthz');
      expect(health.status).toBe(200);
      servedBy.add(health.servedBy);
    }
    return [...servedBy].sort();
  }

  it('says "listening on" once, for both processes, and hands connections to both', async () => {
    await platform.gateway.waitForLine(/(gateway process \d+ ready[^]*){2}/);
    expect(platform.gateway.log().match(/listening on/g)).toHaveLength(1);
    const processes = childrenOf(primaryPid());
    expect(processes).toHaveLength(2);
    expect(await servers(6)).toEqual(processes.sort());
    // The serving processes get a larger young generation than V8's default (fewer GC stops
    // under autosaves); the primary, which serves nothing, keeps the default.
    const commandLine = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    for (const pid of processes) expect(commandLine(pid)).toContain('--max-semi-space-size=32');
    expect(commandLine(primaryPid()).some((arg) => arg.startsWith('--max-semi-space-size'))).toBe(false);
  });

  it("keeps a student's saves in order whichever process takes each: the latest wins, a stale one is refused", async () => {
    const username = `s${randomBytes(5).toString('hex')}`;
    const signup = await onNewConnection('POST', '/signup', { body: { user: username, pass: 'a student password' } });
    expect(signup.status).toBe(201);
    const cookie = signup.cookie;

    const savedBy = new Set<number>();
    let revision = 0;
    for (let version = 1; version <= 4; version++) {
      const save = await onNewConnection('POST', `/mp/${LAB}/save`, { cookie, body: { program: `// version ${version}\n`, revision } });
      expect(save.status).toBe(200);
      expect(save.body.revision).toBe(revision + 1);
      revision = save.body.revision;
      savedBy.add(save.servedBy);
    }
    expect(savedBy.size).toBe(2);

    // A second tab that last saw revision 2, whichever process it reaches.
    for (let i = 0; i < 2; i++) {
      const stale = await onNewConnection('POST', `/mp/${LAB}/save`, { cookie, body: { program: '// from a stale tab\n', revision: 2 } });
      expect({ status: stale.status, revision: stale.body.revision }).toEqual({ status: 409, revision: 4 });
    }
    const program = await onNewConnection('GET', `/mp/${LAB}/program`, { cookie });
    expect(program.body).toMatchObject({ program: '// version 4\n', revision: 4 });
  });

  it('ends a session on both processes at once when it signs out through one, though both had it in memory', async () => {
    const username = `s${randomBytes(5).toString('hex')}`;
    const signup = await onNewConnection('POST', '/signup', { body: { user: username, pass: 'a student password' } });
    expect(signup.status).toBe(201);
    const cookie = signup.cookie;
    // Each process serves the session a few times: it answers it from its memory from then on.
    const servedBy = new Set<number>();
    for (let i = 0; i < 12 && servedBy.size < 2; i++) {
      const read = await onNewConnection('GET', `/mp/${LAB}/program`, { cookie });
      expect(read.status).toBe(200);
      servedBy.add(read.servedBy);
    }
    expect(servedBy.size).toBe(2);

    expect((await onNewConnection('POST', '/logout', { cookie })).status).toBe(204);
    const refusedBy = new Set<number>();
    for (let i = 0; i < 12 && refusedBy.size < 2; i++) {
      const read = await onNewConnection('GET', `/mp/${LAB}/program`, { cookie });
      expect(read.status).toBe(401);
      refusedBy.add(read.servedBy);
    }
    expect(refusedBy.size).toBe(2);
  });

  it("sums every process's series in GET /metrics, whichever process answers", async () => {
    // The saves of the test above: four, and two refused as stale, taken by both processes.
    const answeredBy = new Set<number>();
    for (let i = 0; i < 4; i++) {
      const metrics = await onNewConnection('GET', '/metrics');
      expect(metrics.status).toBe(200);
      answeredBy.add(metrics.servedBy);
      expect(metrics.body).toMatch(/^wb_program_save_duration_seconds_count 6$/m);
      expect(metrics.body.match(/^process_cpu_user_seconds_total /gm)).toHaveLength(1);
    }
    expect(answeredBy.size).toBe(2);
    // No METRICS_TOKEN here: this machine only, and not through a proxy.
    const proxied = await new Promise<number>((resolve, reject) =>
      http
        .get(`${platform.baseUrl}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } }, (res) => resolve(res.resume().statusCode!))
        .on('error', reject),
    );
    expect(proxied).toBe(403);
  });

  it('replaces a process killed with SIGKILL, and the other one answers meanwhile', async () => {
    const [victim, survivor] = childrenOf(primaryPid());
    process.kill(victim, 'SIGKILL');
    await platform.gateway.waitForLine(new RegExp(`gateway process \\d+ \\(pid ${victim}\\) was killed by SIGKILL; starting another`));
    const meanwhile = await onNewConnection('GET', '/healthz');
    expect(meanwhile.status).toBe(200);
    expect(meanwhile.servedBy).not.toBe(victim);

    const replacement = await waitFor(() => childrenOf(primaryPid()).find((pid) => pid !== survivor), 'a replacement process');
    await platform.gateway.waitForLine(new RegExp(`gateway process \\d+ ready \\(pid ${replacement}\\)`), 60_000);
    expect(childrenOf(primaryPid()).sort()).toEqual([survivor, replacement].sort());
    expect(await servers(6)).toEqual([survivor, replacement].sort());
    expect(platform.gateway.log().match(/listening on/g)).toHaveLength(1);
  });

  it("shows the admin every process's log lines, the primary's too, whichever process answers GET /log", async () => {
    const login = await onNewConnection('POST', '/login', { body: { user: 'admin', pass: platform.env.ADMIN_PASSWORD } });
    expect(login.status).toBe(200);
    const [first, second] = childrenOf(primaryPid());
    const answeredBy = new Set<number>();
    for (let i = 0; i < 6; i++) {
      const log = await onNewConnection('GET', '/log', { cookie: login.cookie });
      expect(log.status).toBe(200);
      answeredBy.add(log.servedBy);
      const lines = (log.body.lines as string[]).join('\n');
      expect(lines).toMatch(new RegExp(`pid ${primaryPid()} \\[Gateway\\] gateway process \\d+ \\(pid \\d+\\) was killed by SIGKILL`));
      for (const pid of [first, second])
        expect(lines).toMatch(new RegExp(`pid ${pid} \\[Gateway\\] gateway process \\d+ ready \\(pid ${pid}\\)`));
    }
    expect([...answeredBy].sort()).toEqual([first, second].sort());
  });

  it('stops every process on SIGTERM, within its deadline, and frees the port', async () => {
    const pids = [primaryPid(), ...childrenOf(primaryPid())];
    expect(pids).toHaveLength(3);
    await platform.gateway.stop('SIGTERM'); // the harness would SIGKILL it after 10 s
    expect(platform.gateway.child.exitCode).toBe(0);
    expect(platform.gateway.log()).not.toMatch(/did not stop within/);
    await waitFor(() => pids.every(exited), 'every gateway process exited');
    await expectPortFree(port);
  });

  it('takes its processes with it when the primary itself is killed with SIGKILL', async () => {
    await platform.startGateway();
    const processes = childrenOf(primaryPid());
    expect(processes).toHaveLength(2);
    await platform.gateway.stop('SIGKILL');
    await waitFor(() => processes.every(exited), 'the orphaned gateway processes exited', 10_000);
    await expectPortFree(port);
  });
});
