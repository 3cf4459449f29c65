import { once } from 'node:events';
import { SMTPServer } from 'smtp-server';

export interface SunkEmail {
  from: string;
  to: string[];
  subject: string;
  raw: string;
}

export interface SmtpSink {
  port: number;
  url: string;
  emails: SunkEmail[];
  /** Resolves with the first email (arrived or to come) that matches. */
  waitForEmail: (match: (email: SunkEmail) => boolean, timeoutMs?: number) => Promise<SunkEmail>;
  /** Resolves when at least `count` emails have arrived. */
  waitForEmails: (count: number, timeoutMs?: number) => Promise<SunkEmail[]>;
  start: () => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * A real SMTP server in the test process that keeps every message. It can be stopped and
 * started again on the same port, to play an SMTP outage.
 */
export function smtpSink(port: number): SmtpSink {
  const emails: SunkEmail[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const matchers: { match: (email: SunkEmail) => boolean; resolve: (email: SunkEmail) => void }[] = [];
  let server: SMTPServer | null = null;

  const onMessage = (email: SunkEmail) => {
    emails.push(email);
    for (const w of [...waiters]) if (emails.length >= w.count) w.resolve();
    for (const m of [...matchers]) if (m.match(email)) m.resolve(email);
  };

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    emails,
    waitForEmail: (match, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const found = emails.find(match);
        if (found) return resolve(found);
        const timer = setTimeout(() => reject(new Error(`no matching email within ${timeoutMs} ms`)), timeoutMs);
        const matcher = {
          match,
          resolve: (email: SunkEmail) => {
            clearTimeout(timer);
            matchers.splice(matchers.indexOf(matcher), 1);
            resolve(email);
          },
        };
        matchers.push(matcher);
      }),
    waitForEmails: (count, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        if (emails.length >= count) return resolve(emails);
        const timer = setTimeout(() => reject(new Error(`${emails.length} of ${count} emails within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(emails);
          },
        });
      }),
    start: async () => {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            const subject = /^Subject: (.*(?:\r?\n[ \t].*)*)/im.exec(raw)?.[1].replace(/\r?\n[ \t]/g, ' ') ?? '';
            onMessage({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject,
              raw,
            });
            callback();
          });
        },
      });
      server.listen(port, '127.0.0.1');
      await once(server.server, 'listening');
    },
    stop: async () => {
      if (!server) return;
      const s = server;
      server = null;
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}
