import { once } from 'node:events';
import { SMTPServer } from 'smtp-server';

export interface SunkEmail {
  from: string;
  to: string[];
  subject: string;
  /** The message as it arrived, headers and transfer-encoded body. */
  raw: string;
  /**
   * The body as its reader sees it: quoted-printable or base64 decoded. A long line is split by
   * soft breaks in `raw` wherever its length puts them, so assertions on the text read this.
   */
  text: string;
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
              text: bodyText(raw),
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

/** The body of a single-part message, decoded from its Content-Transfer-Encoding. */
function bodyText(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(headers)?.[1].toLowerCase();
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
  if (encoding !== 'quoted-printable') return body;
  const bytes: number[] = [];
  const joined = body.replace(/=\r?\n/g, ''); // soft line breaks
  for (let i = 0; i < joined.length; i++) {
    const hex = joined[i] === '=' ? /^[0-9A-Fa-f]{2}/.exec(joined.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
