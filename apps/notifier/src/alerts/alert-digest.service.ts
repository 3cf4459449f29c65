import { Injectable } from '@nestjs/common';
import { AppConfig, IncidentsRepository } from '@wb/common';
import { composeAlertEmail } from './alert-email';
import { Mailer } from './mailer';

/**
 * Sends every alert owed right now as one email, one digest at a time across every replica; the
 * alerts are stamped sent only once the email is accepted, so an SMTP failure leaves them owed
 * for the job's retry ({@link IncidentsRepository.sendOwedAlerts}).
 */
@Injectable()
export class AlertDigestService {
  constructor(
    private readonly incidents: IncidentsRepository,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
  ) {}

  /** How many alerts the email carried (0: a sibling job's digest already sent them). */
  sendOwed(): Promise<number> {
    return this.incidents.sendOwedAlerts((owed) => this.mailer.send(composeAlertEmail(owed, this.config.GATEWAY_URL)));
  }
}
