// `arbiter login [--url U] [--token T | --email E]`: asks for what is missing (on stderr), checks the credential
// against the server, and stores { url, token } for later calls (mode 0600).
import { createInterface, type Interface } from 'node:readline';
import { Writable } from 'node:stream';
import { ArbiterClient } from '@arbiter/sdk';
import { Command } from 'commander';
import { type CliIo, printLine } from '../cli-io';
import { readStoredCredentials, storeCredentials } from '../credential-store';

/**
 * Questions on stderr, answers read as lines: one line iterator for every question, which buffers lines that piped
 * input delivers before they are asked for (readline's `question` would drop them).
 */
function prompter(io: CliIo) {
  let muted = false;
  // The answer to a secret question is not echoed: on a terminal, readline echoes keystrokes through this output.
  const output = new Writable({
    write: (chunk, _encoding, done) => {
      if (!muted) io.stderr.write(chunk);
      done();
    },
  });
  let lines: AsyncIterator<string> | undefined;
  let rl: Interface | undefined;
  return {
    async ask(question: string, secret = false): Promise<string> {
      rl ??= createInterface({ input: io.stdin, output, terminal: Boolean((io.stdin as { isTTY?: boolean }).isTTY) });
      lines ??= rl[Symbol.asyncIterator]();
      io.stderr.write(question);
      muted = secret;
      try {
        const next = await lines.next();
        if (next.done) throw new Error(`no answer to "${question.trim()}" (input ended)`);
        return next.value.trim();
      } finally {
        muted = false;
        if (secret) io.stderr.write('\n');
      }
    },
    close: () => rl?.close(),
  };
}

export function loginCommand(io: CliIo): Command {
  return new Command('login')
    .description('Store the server address and an API key or session token for later commands')
    .option('--url <url>', 'server address, e.g. http://localhost:3000')
    .option('--token <token>', 'an API key or session token (else: sign in with an email and password)')
    .option('--email <email>', 'sign in with this account (the password is asked for)')
    .action(async (o: { url?: string; token?: string; email?: string }) => {
      const prompt = prompter(io);
      try {
        const fallback = readStoredCredentials(io.env).url ?? 'http://localhost:3000';
        const url = o.url || (await prompt.ask(`Server address [${fallback}]: `)) || fallback;
        let token = o.token;
        if (!token && !o.email) token = await prompt.ask('API key or session token (empty: sign in with email and password): ', true);
        if (!token) {
          const email = o.email || (await prompt.ask('Email: '));
          const password = await prompt.ask('Password: ', true);
          token = (await ArbiterClient.login({ url, email, password })).token;
        }
        const me = await new ArbiterClient({ url, token }).me();
        const file = storeCredentials(io.env, { url, token });
        const who = 'email' in me ? me.email : `an API key (${me.role}) of project ${me.projectId}`;
        printLine(io.stderr, `signed in to ${url} as ${who}; saved to ${file}`);
      } finally {
        prompt.close();
      }
    });
}
