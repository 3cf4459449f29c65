import { ConsoleLogger, DynamicModule, Global, LogLevel, Module } from '@nestjs/common';

const KEPT_LINES = 1000;

/** The console logger, also keeping the last lines in memory for `GET /log`. */
export class RecentLogLogger extends ConsoleLogger {
  private readonly lines: string[] = [];
  /** Told each line this process logs (not those it is given), so that sibling processes can keep it too. */
  onLine?: (line: string) => void;
  /** Names this process in each line it keeps, where several processes' lines are kept together. */
  processTag?: string;

  recent(): string[] {
    return [...this.lines];
  }

  /** Keeps a line (this process's, or a sibling's) among the recent ones. */
  keep(line: string): void {
    this.lines.push(line);
    if (this.lines.length > KEPT_LINES) this.lines.splice(0, this.lines.length - KEPT_LINES);
  }

  protected override printMessages(
    messages: unknown[],
    context = '',
    logLevel: LogLevel = 'log',
    writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
  ): void {
    const stamp = new Date().toISOString();
    for (const message of messages) {
      const text = typeof message === 'string' ? message : JSON.stringify(message);
      const line = `${stamp} ${logLevel.toUpperCase()} ${this.processTag ? `${this.processTag} ` : ''}[${context}] ${text}`;
      this.keep(line);
      this.onLine?.(line);
    }
    super.printMessages(messages, context, logLevel, writeStreamType, errorStack);
  }
}

/** Makes one app's {@link RecentLogLogger} injectable, for the routes that show recent lines. */
@Global()
@Module({})
export class RecentLogModule {
  static with(logger: RecentLogLogger): DynamicModule {
    return { module: RecentLogModule, providers: [{ provide: RecentLogLogger, useValue: logger }], exports: [RecentLogLogger] };
  }
}
