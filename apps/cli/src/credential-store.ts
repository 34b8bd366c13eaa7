// Where `arbiter login` keeps the server and credential: $XDG_CONFIG_HOME/arbiter/credentials.json (else
// ~/.config/arbiter/credentials.json), readable by the user alone. ARBITER_URL and ARBITER_TOKEN override it.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Credentials {
  url: string;
  token: string;
}

export type Env = Record<string, string | undefined>;

export function credentialsPath(env: Env): string {
  const base = env['XDG_CONFIG_HOME'] || join(env['HOME'] || homedir(), '.config');
  return join(base, 'arbiter', 'credentials.json');
}

export function readStoredCredentials(env: Env): Partial<Credentials> {
  try {
    const stored = JSON.parse(readFileSync(credentialsPath(env), 'utf8')) as Partial<Credentials>;
    return { url: typeof stored.url === 'string' ? stored.url : undefined, token: typeof stored.token === 'string' ? stored.token : undefined };
  } catch {
    // No login yet (or an unreadable file): the environment must say where to go.
    return {};
  }
}

export function storeCredentials(env: Env, credentials: Credentials): string {
  const file = credentialsPath(env);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  // writeFileSync's mode applies only when it creates the file; an older file may have been wider.
  chmodSync(file, 0o600);
  return file;
}

/** The environment first, then the stored login; an error naming both ways when either is missing. */
export function resolveCredentials(env: Env): Credentials {
  const stored = readStoredCredentials(env);
  const url = env['ARBITER_URL'] || stored.url;
  const token = env['ARBITER_TOKEN'] || stored.token;
  if (!url || !token) {
    throw new Error(`no ${!url ? 'server address' : 'credential'}: set ARBITER_URL and ARBITER_TOKEN, or run \`arbiter login\``);
  }
  return { url, token };
}
