// An OAuth2 provider for the login tests: oauth2-mock-server in a process of its own (it is an
// ES module, which Jest's CommonJS runtime cannot load). Prints "READY <issuer url>" once it
// listens; each JSON line on stdin becomes the userinfo of the logins that follow.
import { createInterface } from 'node:readline';
import { OAuth2Server } from 'oauth2-mock-server';

const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');
let user = { sub: 'johndoe' };
server.service.on('beforeUserinfo', (response) => {
  response.body = user;
});
createInterface({ input: process.stdin }).on('line', (line) => {
  user = JSON.parse(line);
  process.stdout.write(`USER ${user.sub}\n`);
});
await server.start(0, '127.0.0.1');
process.stdout.write(`READY ${server.issuer.url}\n`);
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
