import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError, AppConfig } from '@wb/common';
import OAuth2Strategy, { VerifyCallback } from 'passport-oauth2';
import { OAuthStateStore } from './oauth-state-store';
import { ProviderIdentity } from './oauth-users';

interface Configured {
  authorizationURL: string;
  tokenURL: string;
  userinfoURL: string;
  clientID: string;
  clientSecret: string;
}

/**
 * The course's OAuth2 provider as a passport-oauth2 strategy, built from the config. The
 * strategy's "user" is the provider identity; turning it into a platform user is the caller's.
 */
@Injectable()
export class OAuthProvider {
  private readonly settings: Configured | null;
  readonly strategy: OAuth2Strategy | null;

  constructor(config: AppConfig, stateStore: OAuthStateStore) {
    const {
      OAUTH_AUTHORIZATION_URL: a,
      OAUTH_TOKEN_URL: t,
      OAUTH_USERINFO_URL: u,
      OAUTH_CLIENT_ID: id,
      OAUTH_CLIENT_SECRET: secret,
    } = config;
    this.settings =
      a && t && u && id && secret ? { authorizationURL: a, tokenURL: t, userinfoURL: u, clientID: id, clientSecret: secret } : null;
    this.strategy = this.settings ? this.build(this.settings, config.GATEWAY_URL, stateStore) : null;
  }

  /** The provider's name as stored on users: its host, stable as long as the provider is. */
  get name(): string {
    return new URL(this.require().authorizationURL).host;
  }

  require(): Configured {
    if (!this.settings) throw new ApiError(HttpStatus.NOT_FOUND, 'no OAuth2 login provider is configured on this server');
    return this.settings;
  }

  private build(s: Configured, gatewayUrl: string, store: OAuthStateStore): OAuth2Strategy {
    const strategy = new OAuth2Strategy(
      {
        authorizationURL: s.authorizationURL,
        tokenURL: s.tokenURL,
        clientID: s.clientID,
        clientSecret: s.clientSecret,
        callbackURL: new URL('/oauth_login/callback', gatewayUrl).toString(),
        scope: ['openid', 'profile', 'email'],
        store: store as unknown as OAuth2Strategy.StateStore,
      },
      (_access: string, _refresh: string, profile: ProviderIdentity, done: VerifyCallback) => done(null, profile),
    );
    // passport-oauth2 leaves the profile empty; the provider's userinfo endpoint says who it is.
    strategy.userProfile = (accessToken, done) => {
      fetch(s.userinfoURL, {
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
        signal: AbortSignal.timeout(10_000),
      })
        .then(async (res) => {
          if (!res.ok) throw new Error(`the provider's userinfo answered ${res.status}`);
          const info = (await res.json()) as Record<string, unknown>;
          const subject = typeof info.sub === 'string' || typeof info.sub === 'number' ? String(info.sub) : null;
          if (!subject) throw new Error("the provider's userinfo has no subject (sub)");
          const hint = [info.preferred_username, info.nickname, info.email].find((v): v is string => typeof v === 'string');
          done(null, { provider: new URL(s.authorizationURL).host, subject, nameHint: hint });
        })
        .catch((err: Error) => done(err));
    };
    return strategy;
  }
}
