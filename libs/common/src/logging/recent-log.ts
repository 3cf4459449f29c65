import { ConsoleLogger, DynamicModule, Global, LogLevel, Module } from '@nestjs/common';

const KEPT_LINES = 1000;

/** The console logger, also keeping the last lines in memory for `GET /log`. */
export class RecentLogLogger extends ConsoleLogger {
  private readonly lines: string[] = [];

  recent(): string[] {
    return [...this.lines];
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
      this.lines.push(`${stamp} ${logLevel.toUpperCase()} [${context}] ${typeof message === 'string' ? message : JSON.stringify(message)}`);
    }
    if (this.lines.length > KEPT_LINES) this.lines.splice(0, this.lines.length - KEPT_LINES);
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
