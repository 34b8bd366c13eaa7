// The first admin's generated password lives in DATA_DIR/admin-credentials.json (mode 0600) so `npm start` can
// print it, and only while it still works: once the password is changed the file keeps the email alone, rewritten
// by the api right after the change and by the bootstrap step of every start (for a change the api did not see).
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as argon2 from 'argon2';
import type { UserRepository } from '@arbiter/server/data-access';

export const CREDENTIALS_FILE = 'admin-credentials.json';

export const credentialsPath = (dataDir: string) => resolve(dataDir, CREDENTIALS_FILE);

function readCredentials(dataDir: string): { email: string; password?: string } | null {
  try {
    return JSON.parse(readFileSync(credentialsPath(dataDir), 'utf8'));
  } catch {
    return null;
  }
}

/** Removes the password from the credentials file if it no longer signs its user in; returns whether it did. */
export async function forgetChangedPassword(dataDir: string, users: Pick<UserRepository, 'findByEmail'>): Promise<boolean> {
  const credentials = readCredentials(dataDir);
  if (!credentials?.password) return false;
  const user = await users.findByEmail(credentials.email);
  if (user && (await argon2.verify(user.passwordHash, credentials.password).catch(() => false))) return false;
  writeFileSync(credentialsPath(dataDir), JSON.stringify({ email: credentials.email }), { mode: 0o600 });
  return true;
}
