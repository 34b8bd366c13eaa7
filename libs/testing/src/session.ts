// What most end-to-end files start with: a running stack, its admin signed in, a client on its database;
// and waiting on a worker job by its own state rather than a guessed delay.
import { Client } from 'pg';
import { ApiClient, signIn } from './client';
import { startStack, Stack } from './stack';

export interface Session {
  stack: Stack;
  owner: ApiClient;
  db: Client;
}

export async function openSession(opts?: Parameters<typeof startStack>[0]): Promise<Session> {
  const stack = await startStack(opts);
  const owner = await signIn(stack.baseUrl, stack.admin);
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  return { stack, owner, db };
}

export async function closeSession(s: Partial<Session>): Promise<void> {
  await s.db?.end();
  await s.stack?.stop();
}

/** Polls the job's state until it completes or fails (or the attempts run out); returns the last state. */
export async function waitForJob(client: ApiClient, projectId: string, jobId: string, attempts = 600): Promise<string> {
  let state = '';
  for (let i = 0; i < attempts && state !== 'completed' && state !== 'failed'; i++) {
    state = (await client.get<{ state: string }>(`/api/projects/${projectId}/jobs/${jobId}`)).body.state;
    if (state !== 'completed' && state !== 'failed') await new Promise((r) => setTimeout(r, 100));
  }
  return state;
}
