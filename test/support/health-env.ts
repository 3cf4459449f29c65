/**
 * What makes the notifier quick enough for a test: probes every second, two failures or
 * successes to change state, alerts batched over half a second.
 */
export function fastHealthEnv(smtpUrl: string): NodeJS.ProcessEnv {
  return {
    HEALTH_PROBE_INTERVAL_MS: '1000',
    HEALTH_PROBE_TIMEOUT_MS: '3000',
    HEALTH_FAILURES_TO_DOWN: '2',
    HEALTH_SUCCESSES_TO_UP: '2',
    ALERT_DEBOUNCE_MS: '500',
    SMTP_URL: smtpUrl,
    SMTP_FROM: 'wb-notifier@example.org',
    ALERT_EMAILS: 'oncall@example.org,teacher@example.org',
  };
}
