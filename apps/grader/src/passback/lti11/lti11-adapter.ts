import { Injectable } from '@nestjs/common';
import { AppConfig, LtiLinksRepository, User } from '@wb/common';
import { isRetryableStatus, PassbackAdapter, PassbackRefused, PassbackTarget } from '../passback-adapter';
import { signOAuth1 } from './oauth1-signer';
import { readOutcomeResponse, replaceResultXml } from './outcome-xml';

const TIMEOUT_MS = 15_000;

/**
 * LTI 1.1 Basic Outcomes, as Coursera's LTI grade passback and most LMSs speak it: a
 * `replaceResult` POX request signed with OAuth 1.0a HMAC-SHA1 over the body hash.
 *
 * Where a user's grade goes: what the student's last launch of the lab's link named (lti_links),
 * else the outcome URL and sourcedid stored on the user, else LTI11_OUTCOME_URL and
 * LTI11_SOURCEDID_TEMPLATE.
 */
@Injectable()
export class Lti11Adapter implements PassbackAdapter {
  constructor(
    private readonly config: AppConfig,
    private readonly links: LtiLinksRepository,
  ) {}

  async send({ user, mp, fraction }: PassbackTarget): Promise<void> {
    const { LTI11_CONSUMER_KEY: key, LTI11_CONSUMER_SECRET: secret } = this.config;
    const { url, sourcedId } = await this.destination(user, mp.config.id);
    if (!url || !key || !secret) {
      throw new PassbackRefused(
        'LTI 1.1 passback is not fully configured (LTI11_CONSUMER_KEY, LTI11_CONSUMER_SECRET, and a launch of the lab or LTI11_OUTCOME_URL)',
      );
    }
    const body = replaceResultXml(sourcedId, fraction);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/xml', Authorization: signOAuth1('POST', url, body, key, secret) },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok) {
      // A consumer that answers in POX says why in imsx_description; otherwise show the start of the body.
      const detail = readOutcomeResponse(text).description || text.slice(0, 200);
      const reason = `the course platform answered ${response.status} ${response.statusText}${detail ? `: ${detail}` : ''}`;
      if (isRetryableStatus(response.status)) throw new Error(reason);
      throw new PassbackRefused(reason);
    }
    const { codeMajor, description } = readOutcomeResponse(text);
    if (codeMajor === 'success') return;
    // "processing" is the consumer saying "not now"; anything else is a verdict on the request.
    const reason = `the course platform did not accept the grade (${codeMajor ?? 'no imsx_codeMajor'})${description ? `: ${description}` : ''}`;
    if (codeMajor === 'processing') throw new Error(reason);
    throw new PassbackRefused(reason);
  }

  private async destination(user: User, mpId: string): Promise<{ url: string | undefined; sourcedId: string }> {
    const link = await this.links.find(user.id, mpId);
    if (link) return { url: link.outcomeUrl, sourcedId: link.sourcedid };
    return {
      url: user.ltiOutcomeUrl ?? this.config.LTI11_OUTCOME_URL,
      sourcedId: user.ltiSourcedid ?? this.sourcedIdFor(user.id, user.username, mpId),
    };
  }

  private sourcedIdFor(userId: string, username: string, mpId: string): string {
    return this.config.LTI11_SOURCEDID_TEMPLATE.replace(/\{(username|userId|mpId)\}/g, (_, name: string) =>
      name === 'username' ? username : name === 'userId' ? userId : mpId,
    );
  }
}
