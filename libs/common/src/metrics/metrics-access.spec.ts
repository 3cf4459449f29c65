import { HttpStatus } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { metricsRefusal } from './metrics-access';

const TOKEN = 'a-metrics-token-of-at-least-32-characters';

function request(remoteAddress: string | undefined, headers: Record<string, string> = {}): IncomingMessage {
  return { socket: { remoteAddress }, headers } as unknown as IncomingMessage;
}

describe('who may read /metrics', () => {
  it('without METRICS_TOKEN, answers a client on the loopback, IPv4 or IPv6', () => {
    for (const address of ['127.0.0.1', '127.0.1.1', '::1', '::ffff:127.0.0.1'])
      expect(metricsRefusal(request(address), undefined)).toBeNull();
  });

  it('without METRICS_TOKEN, refuses any other address, and a loopback request that came through a proxy', () => {
    const refused = [
      request('10.0.0.7'),
      request('::ffff:192.168.1.20'),
      request('2001:db8::1'),
      request(undefined), // the socket is gone
      request('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }),
      request('::1', { forwarded: 'for=203.0.113.9' }),
      request('127.0.0.1', { 'x-real-ip': '203.0.113.9' }),
    ];
    for (const req of refused)
      expect(metricsRefusal(req, undefined)).toEqual({ status: HttpStatus.FORBIDDEN, message: expect.stringMatching(/METRICS_TOKEN/) });
  });

  it('with METRICS_TOKEN, asks every client for it as a bearer token, the loopback too', () => {
    expect(metricsRefusal(request('10.0.0.7', { authorization: `Bearer ${TOKEN}` }), TOKEN)).toBeNull();
    expect(metricsRefusal(request('10.0.0.7', { authorization: `bearer ${TOKEN}` }), TOKEN)).toBeNull();
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, TOKEN, `Basic ${TOKEN}`, 'Bearer ']) {
      const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
      expect(metricsRefusal(request('127.0.0.1', headers), TOKEN)).toEqual({
        status: HttpStatus.UNAUTHORIZED,
        message: expect.any(String),
      });
    }
  });
});
