import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@wb/common';
import { createTransport, Transporter } from 'nodemailer';
import { AlertEmail } from './alert-email';

/**
 * Sends alert emails over SMTP_URL. Without SMTP configured (a developer's machine) the alert is
 * written to the log instead, loudly, so that it is neither lost silently nor retried forever.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger(Mailer.name);
  private readonly transport: Transporter | null;

  constructor(private readonly config: AppConfig) {
    this.transport = config.SMTP_URL
      ? createTransport({ url: config.SMTP_URL, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 })
      : null;
  }

  async send(email: AlertEmail): Promise<void> {
    const to = (this.config.ALERT_EMAILS ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    if (!this.transport || to.length === 0) {
      this.logger.error(`ALERT (no SMTP_URL or ALERT_EMAILS configured, not emailed): ${email.subject}\n${email.text}`);
      return;
    }
    await this.transport.sendMail({ from: this.config.SMTP_FROM ?? 'wb-notifier@localhost', to, subject: email.subject, text: email.text });
    this.logger.log(`alert emailed to ${to.join(', ')}: ${email.subject}`);
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
