import { localPathOr } from './local-path';

describe('localPathOr (no open redirect)', () => {
  it.each(['/', '/mp/vector-add', '/grades?x=1'])('keeps the local path %s', (path) => {
    expect(localPathOr(path, '/')).toBe(path);
  });

  it.each(['https://evil.example', '//evil.example', '/\\evil.example', 'mp/relative', '/ok\r\nSet-Cookie: x', undefined, ''])(
    'replaces %p with the fallback',
    (path) => {
      expect(localPathOr(path, '/home')).toBe('/home');
    },
  );
});
