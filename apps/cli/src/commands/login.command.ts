// `arbiter login [--url U] [--token T | --email E]`: asks for what is missing (on stderr), checks the credential
// against the server, and stores { url, token } for later calls (mode 0600).
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { ArbiterClient } from '@arbiter/sdk';
import { Command } from 'commander';
import { type CliIo, printLine } from '../cli-io';
import { readStoredCredentials, storeCredentials } from '../credential-store';

async function ask(io: CliIo, question: string, secret = false): Promise<string> {
  let muted = false;
  // The answer to a secret question is not echoed: the terminal output drops what is typed after the question.
  const output = new Writable({
    write: (chunk, _encoding, done) => {
      if (!muted) io.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: io.stdin, output, terminal: Boolean((io.stdin as { isTTY?: boolean }).isTTY) });
  try {
    const answer = rl.question(question);
    muted = secret;
    return (await answer).trim();
  } finally {
    rl.close();
    if (secret) io.stderr.write('\n');
  }
}

export function loginCommand(io: CliIo): Command {
  return new Command('login')
    .description('Store the server address and an API key or session token for later commands')
    .option('--url <url>', 'server address, e.g. http://localhost:3000')
    .option('--token <token>', 'an API key or session token (else: sign in with an email and password)')
    .option('--email <email>', 'sign in with this account (the password is asked for)')
    .action(async (o: { url?: string; token?: string; email?: string }) => {
      const url = o.url || (await ask(io, `Server address [${readStoredCredentials(io.env).url ?? 'http://localhost:3000'}]: `)) || readStoredCredentials(io.env).url || 'http://localhost:3000';
      let token = o.token;
      if (!token && !o.email) token = await ask(io, 'API key or session token (empty: sign in with email and password): ', true);
      if (!token) {
        const email = o.email || (await ask(io, 'Email: '));
        const password = await ask(io, 'Password: ', true);
        token = (await ArbiterClient.login({ url, email, password })).token;
      }
      const me = await new ArbiterClient({ url, token }).me();
      const file = storeCredentials(io.env, { url, token });
      const who = 'email' in me ? me.email : `an API key (${me.role}) of project ${me.projectId}`;
      printLine(io.stderr, `signed in to ${url} as ${who}; saved to ${file}`);
    });
}
