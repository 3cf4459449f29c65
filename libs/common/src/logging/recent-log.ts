import { ConsoleLogger, DynamicModule, Global, LogLevel, Module } from '@nestjs/common';
import { inspect } from 'node:util';
import pino from 'pino';
import { currentLogContext, LogContext } from './log-context';

const KEPT_LINES = 1000;

/** `json`: one pino object per line, for log collectors; `text`: Nest's coloured lines, for people. */
export type LogFormat = 'json' | 'text';

/** What the logger takes from the app's configuration. */
export interface LogSettings {
  LOG_LEVEL: LogLevel;
  /** `auto`: text on a terminal, JSON otherwise (a pipe, a file, a container's log). */
  LOG_FORMAT: LogFormat | 'auto';
}

/** Nest's levels by pino's names, which log collectors know: `log` is info, `verbose` is trace. */
const PINO_LEVELS: Record<LogLevel, pino.Level> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Every app's logger, behind Nest's `Logger` at every call site. It writes each line as JSON
 * (time, level, pid, context, msg, and the requestId and attemptId of the request or job being
 * handled, see {@link withLogContext}) or, on a terminal, as Nest's coloured text with those ids
 * at the end; LOG_LEVEL filters both. It also keeps the last lines in memory, as text, for
 * `GET /log`.
 */
export class RecentLogLogger extends ConsoleLogger {
  private readonly lines: string[] = [];
  /** Set while the format is JSON. */
  private json?: pino.Logger;
  /** Told each line this process logs (not those it is given), so that sibling processes can keep it too. */
  onLine?: (line: string) => void;
  /** Names this process in each line it keeps, where several processes' lines are kept together. */
  processTag?: string;

  constructor() {
    super();
    this.configure({ LOG_LEVEL: 'log', LOG_FORMAT: 'auto' }); // the configuration's defaults, until it is loaded
  }

  /** Applies LOG_LEVEL and LOG_FORMAT, once the app has loaded its configuration. */
  configure(settings: LogSettings): this {
    this.setLogLevels([settings.LOG_LEVEL]);
    this.useFormat(chosenFormat(settings.LOG_FORMAT));
    return this;
  }

  recent(): string[] {
    return [...this.lines];
  }

  /** Keeps a line (this process's, or a sibling's) among the recent ones. */
  keep(line: string): void {
    this.lines.push(line);
    if (this.lines.length > KEPT_LINES) this.lines.splice(0, this.lines.length - KEPT_LINES);
  }

  private useFormat(format: LogFormat): void {
    this.json =
      format === 'json'
        ? pino(
            {
              level: 'trace', // Nest has filtered already
              base: { pid: process.pid },
              timestamp: pino.stdTimeFunctions.isoTime,
              formatters: { level: (label) => ({ level: label }) },
            },
            process.stdout,
          )
        : undefined;
  }

  protected override printMessages(
    messages: unknown[],
    context = '',
    logLevel: LogLevel = 'log',
    writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
  ): void {
    const about = currentLogContext();
    const ids = idsText(about);
    const stamp = new Date().toISOString();
    for (const message of messages) {
      const text = messageText(message);
      const line = `${stamp} ${logLevel.toUpperCase()} ${this.processTag ? `${this.processTag} ` : ''}[${context}] ${text}${ids}`;
      this.keep(line);
      this.onLine?.(line);
      this.json?.[PINO_LEVELS[logLevel]]({ context: context || undefined, ...about, stack: errorStack ?? undefined }, text);
    }
    if (this.json) return;
    const withIds = ids ? messages.map((m) => (typeof m === 'string' ? m + ids : m)) : messages;
    super.printMessages(withIds, context, logLevel, writeStreamType, errorStack);
  }

  /** In JSON the stack is a field of the error's line, not lines of its own. */
  protected override printStackTrace(stack: string): void {
    if (!this.json) super.printStackTrace(stack);
  }
}

/** A message as text: an error as its stack, anything else on one line (never a throw, even for a circular object). */
function messageText(message: unknown): string {
  if (typeof message === 'string') return message;
  if (message instanceof Error) return message.stack ?? message.message;
  return inspect(message, { breakLength: Infinity, depth: 4 });
}

function chosenFormat(format: LogSettings['LOG_FORMAT']): LogFormat {
  if (format !== 'auto') return format;
  return process.stdout.isTTY ? 'text' : 'json';
}

/** The ids at the end of a text line: ` requestId=… attemptId=…`, or nothing outside a request or job. */
function idsText(about: LogContext | undefined): string {
  if (!about) return '';
  return (about.requestId ? ` requestId=${about.requestId}` : '') + (about.attemptId ? ` attemptId=${about.attemptId}` : '');
}

/** Makes one app's {@link RecentLogLogger} injectable, for the routes that show recent lines. */
@Global()
@Module({})
export class RecentLogModule {
  static with(logger: RecentLogLogger): DynamicModule {
    return { module: RecentLogModule, providers: [{ provide: RecentLogLogger, useValue: logger }], exports: [RecentLogLogger] };
  }
}
