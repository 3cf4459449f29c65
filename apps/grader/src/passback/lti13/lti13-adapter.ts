import { Injectable } from '@nestjs/common';
import { AppConfig } from '@wb/common';
import { isRetryableStatus, PassbackAdapter, PassbackRefused, PassbackTarget } from '../passback-adapter';
import { clientAssertion } from './client-assertion';

const SCORE_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';
const TIMEOUT_MS = 15_000;

/**
 * LTI 1.3 Assignment and Grade Services: an access token by OAuth2 client credentials with a
 * signed JWT assertion, then the score POSTed to the lab's line item.
 *
 * Where a user's grade goes: the line item stored on the user (`lti_outcome_url`) else
 * LTI13_LINEITEM_URL with the lab's id; the user at the platform is `lti_sourcedid` (their LTI
 * `sub` from the launch) else their username.
 */
@Injectable()
export class Lti13Adapter implements PassbackAdapter {
  constructor(private readonly config: AppConfig) {}

  async send({ grade, user, mp }: PassbackTarget): Promise<void> {
    const { LTI13_TOKEN_URL: tokenUrl, LTI13_CLIENT_ID: clientId, LTI13_PRIVATE_KEY: key } = this.config;
    const lineItem = user.ltiOutcomeUrl ?? this.config.LTI13_LINEITEM_URL?.replace(/\{mpId\}/g, encodeURIComponent(mp.config.id));
    if (!tokenUrl || !clientId || !key || !lineItem) {
      throw new PassbackRefused(
        'LTI 1.3 passback is not fully configured (LTI13_TOKEN_URL, LTI13_CLIENT_ID, LTI13_PRIVATE_KEY, LTI13_LINEITEM_URL)',
      );
    }
    const token = await this.accessToken(tokenUrl, clientId, key);
    const response = await fetch(scoresUrl(lineItem), {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.ims.lis.v1.score+json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        userId: user.ltiSourcedid ?? user.username,
        scoreGiven: grade.score,
        scoreMaximum: grade.maxScore,
        activityProgress: 'Completed',
        gradingProgress: 'FullyGraded',
        timestamp: grade.gradedAt.toISOString(),
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw await failure('the score service', response);
  }

  private async accessToken(tokenUrl: string, clientId: string, privateKeyPem: string): Promise<string> {
    let assertion: string;
    try {
      assertion = await clientAssertion({
        clientId,
        privateKeyPem,
        audience: this.config.LTI13_AUDIENCE ?? tokenUrl,
        keyId: this.config.LTI13_KEY_ID,
      });
    } catch (err) {
      throw new PassbackRefused(`LTI13_PRIVATE_KEY cannot sign: ${(err as Error).message}`);
    }
    const response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
        scope: SCORE_SCOPE,
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw await failure('the token endpoint', response);
    const body = (await response.json().catch(() => ({}))) as { access_token?: unknown };
    if (typeof body.access_token !== 'string') throw new PassbackRefused('the token endpoint answered without an access_token');
    return body.access_token;
  }
}

/** `…/lineitems/7?type=x` → `…/lineitems/7/scores?type=x` (AGS §3.4). */
function scoresUrl(lineItem: string): string {
  const url = new URL(lineItem);
  url.pathname = `${url.pathname.replace(/\/$/, '')}/scores`;
  return url.toString();
}

async function failure(what: string, response: Response): Promise<Error> {
  const text = (await response.text().catch(() => '')).slice(0, 200);
  const reason = `${what} answered ${response.status} ${response.statusText}${text ? `: ${text}` : ''}`;
  return isRetryableStatus(response.status) ? new Error(reason) : new PassbackRefused(reason);
}
