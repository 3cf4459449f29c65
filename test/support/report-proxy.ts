import { once } from 'node:events';
import { createServer, IncomingMessage, Server } from 'node:http';

/** What the proxy does with one worker report: pass it on, or answer it with this status itself. */
export type ReportRule = (report: { attemptId?: string; status?: string }) => number | 'forward';

export interface ReportProxy {
  url: string;
  /** Decides each `POST /mp/:id/run_results`; everything else always goes through. */
  setRule: (rule: ReportRule) => void;
  /** Reports (attempt id and status) the proxy answered itself, in order. */
  refused: { attemptId?: string; status?: string; answer: number }[];
  close: () => Promise<void>;
}

/**
 * A gateway that misbehaves on purpose, placed between a worker and the real gateway: it passes
 * every request on, except the worker reports its rule answers itself (a 500 forever for one
 * attempt, say). Only on loopback.
 */
export async function startReportProxy(target: () => string): Promise<ReportProxy> {
  let rule: ReportRule = () => 'forward';
  const refused: ReportProxy['refused'] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      if (req.method === 'POST' && /^\/mp\/[^/]+\/run_results$/.test(req.url ?? '')) {
        const report = JSON.parse(body.toString('utf8') || '{}') as { attemptId?: string; status?: string };
        const answer = rule(report);
        if (answer !== 'forward') {
          refused.push({ attemptId: report.attemptId, status: report.status, answer });
          res.writeHead(answer, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'refused by the test proxy' }));
          return;
        }
      }
      const forwarded = await fetch(target() + (req.url ?? '/'), {
        method: req.method,
        headers: Object.fromEntries(
          Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)),
        ) as Record<string, string>,
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(body),
      }).catch(() => null);
      if (!forwarded) return void res.writeHead(502).end();
      res.writeHead(forwarded.status, { 'content-type': forwarded.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await forwarded.arrayBuffer()));
    })().catch(() => res.writeHead(502).end());
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    setRule: (r) => (rule = r),
    refused,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
