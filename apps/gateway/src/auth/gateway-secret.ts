import { AppConfig, ConfigError } from '@wb/common';

/**
 * SESSION_SECRET: the gateway's alone (session ids' HMAC, the session cache's seal, API keys'
 * sealing). The other apps start without it, so that a worker host, which runs students'
 * programs, never holds it; the gateway refuses to start without it.
 */
export function gatewaySecret(config: AppConfig): string {
  if (!config.SESSION_SECRET)
    throw new ConfigError('invalid configuration:\n  SESSION_SECRET=(hidden): the gateway needs it (32 characters or more)');
  return config.SESSION_SECRET;
}
