import Fastify from 'fastify';
import { installSecurityHeaders } from './security-headers';

/** The headers on a bare Fastify server, as the gateway installs them. */
async function answerOf(publicUrl: string, route: string, status = 200) {
  const fastify = Fastify();
  installSecurityHeaders(fastify, publicUrl);
  fastify.get('/page', (_request, reply) => reply.type('text/html').send('<p>hello</p>'));
  fastify.get('/broken', () => {
    throw new Error('boom');
  });
  try {
    const answer = await fastify.inject({ method: 'GET', url: route });
    expect(answer.statusCode).toBe(status);
    return answer.headers;
  } finally {
    await fastify.close();
  }
}

describe('installSecurityHeaders', () => {
  it("lets a page run only the gateway's own scripts, embed nothing from elsewhere, and be framed by no one", async () => {
    const headers = await answerOf('http://127.0.0.1:8080', '/page');
    const policy = new Map(
      String(headers['content-security-policy'])
        .split(';')
        .map((directive) => {
          const [name, ...values] = directive.trim().split(/\s+/);
          return [name, values.join(' ')] as const;
        }),
    );
    expect(policy.get('default-src')).toBe("'self'");
    expect(policy.get('script-src')).toBe("'self'"); // no 'unsafe-inline', no 'unsafe-eval'
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.get('base-uri')).toBe("'none'");
    expect(policy.get('form-action')).toBe("'self'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    // Not no-referrer: a browser would then send `Origin: null` with the pages' own form posts.
    expect(headers['referrer-policy']).toBe('same-origin');
  });

  it('sets the same headers on 404s and errors', async () => {
    for (const [route, status] of [
      ['/nowhere', 404],
      ['/broken', 500],
    ] as const) {
      const headers = await answerOf('http://127.0.0.1:8080', route, status);
      expect(headers['content-security-policy']).toContain("script-src 'self'");
      expect(headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('asks for HTTPS from now on only where the public address is HTTPS, and not for subdomains', async () => {
    expect((await answerOf('http://127.0.0.1:8080', '/page'))['strict-transport-security']).toBeUndefined();
    expect((await answerOf('https://wb.example.edu', '/page'))['strict-transport-security']).toBe('max-age=15552000');
  });
});
