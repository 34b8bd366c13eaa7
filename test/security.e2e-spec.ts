// Membership and roles on every route and socket room: another project's objects are 404, too low a role is
// 403, unknown fields are 400.
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import type { CreatedApiKey, JoinAck, NextTasksResponse } from '@arbiter/contracts';
import { addMember, ApiClient, importJsonl, newProject, newUser, signIn } from '@arbiter/testing';
import { startStack, Stack } from '@arbiter/testing';

describe('access control', () => {
  let stack: Stack;
  let admin: ApiClient;
  let ownerA: ApiClient;
  let ownerB: ApiClient;
  let annotatorA: ApiClient;
  let projectA: string;
  let projectB: string;
  let itemB: string;
  // Real objects of each project, so a BOLA on a DELETE would really remove something.
  let memberB: string;
  let keyB: string;

  beforeAll(async () => {
    stack = await startStack();
    admin = await signIn(stack.baseUrl, stack.admin);
    [ownerA, ownerB, annotatorA] = await Promise.all([newUser(admin, 'OwnerA'), newUser(admin, 'OwnerB'), newUser(admin, 'AnnA')]);
    projectA = (await newProject(ownerA)).id;
    projectB = (await newProject(ownerB)).id;
    await addMember(ownerA, projectA, annotatorA, 'annotator');
    await importJsonl(ownerA, projectA, [{ text: 'a1' }]);
    await importJsonl(ownerB, projectB, [{ text: 'b1' }, { text: 'b2' }]);
    const t = await ownerB.post<NextTasksResponse>(`/api/projects/${projectB}/tasks/next`, { count: 1 });
    itemB = t.body.tasks[0].item.id;
    memberB = ownerB.user!.id;
    keyB = (await ownerB.post<CreatedApiKey>(`/api/projects/${projectB}/api-keys`, { name: 'b' })).body.id;
  }, 90_000);
  afterAll(() => stack?.stop(), 30_000);

  const routesOf = (pid: string, itemId: string, memberId: string = randomUUID(), keyId: string = randomUUID()): [string, string, unknown?][] => [
    ['GET', `/api/projects/${pid}`],
    ['PATCH', `/api/projects/${pid}`, { name: 'x' }],
    ['GET', `/api/projects/${pid}/stats`],
    ['GET', `/api/projects/${pid}/members`],
    ['POST', `/api/projects/${pid}/members`, { email: 'x@example.test', role: 'annotator' }],
    ['DELETE', `/api/projects/${pid}/members/${memberId}`],
    ['GET', `/api/projects/${pid}/api-keys`],
    ['POST', `/api/projects/${pid}/api-keys`, { name: 'k' }],
    ['DELETE', `/api/projects/${pid}/api-keys/${keyId}`],
    ['POST', `/api/projects/${pid}/imports?format=jsonl`, '{"text":"x"}\n'],
    ['GET', `/api/projects/${pid}/items`],
    ['GET', `/api/projects/${pid}/items/${itemId}`],
    ['POST', `/api/projects/${pid}/tasks/next`, { count: 1 }],
    ['POST', `/api/projects/${pid}/tasks/${itemId}/skip`],
    ['POST', `/api/projects/${pid}/annotations`, { itemId, labels: [0], idempotencyKey: randomUUID() }],
    ['POST', `/api/projects/${pid}/annotations/undo`],
    ['GET', `/api/projects/${pid}/export?format=jsonl`],
    ['GET', `/api/projects/${pid}/export?format=csv`],
  ];

  it('answers 404 for every route of a project the user is not a member of, and leaks nothing', async () => {
    for (const [method, path, body] of routesOf(projectB, itemB, memberB, keyB)) {
      const headers = typeof body === 'string' ? { 'content-type': 'application/x-ndjson' } : undefined;
      const r = await ownerA.request(method, path, body, headers);
      expect([method, path, r.status]).toEqual([method, path, 404]);
      expect(JSON.stringify(r.body)).not.toContain('b1');
    }
    // Nothing of B changed: its owner and its key are still there.
    const stats = await ownerB.get<{ items: number; annotations: number }>(`/api/projects/${projectB}/stats`);
    expect(stats.body).toMatchObject({ items: 2, annotations: 0 });
    expect((await ownerB.get<{ userId: string }[]>(`/api/projects/${projectB}/members`)).body.map((m) => m.userId)).toContain(memberB);
    expect((await ownerB.get<{ id: string; revokedAt: string | null }[]>(`/api/projects/${projectB}/api-keys`)).body).toContainEqual(
      expect.objectContaining({ id: keyB, revokedAt: null }),
    );
  }, 30_000);

  it("answers 404 for an object of another project reached through the caller's own project", async () => {
    const viaA: [string, string, unknown?][] = [
      ['GET', `/api/projects/${projectA}/items/${itemB}`],
      ['POST', `/api/projects/${projectA}/tasks/${itemB}/skip`],
      ['POST', `/api/projects/${projectA}/annotations`, { itemId: itemB, labels: [0], idempotencyKey: randomUUID() }],
      ['GET', `/api/projects/${projectA}/items/not-a-number`],
      ['GET', `/api/projects/${projectA}/items/9999999999999999999`],
      ['POST', `/api/projects/${projectA}/tasks/9999999999999999999/skip`],
    ];
    for (const [method, path, body] of viaA) {
      const r = await ownerA.request(method, path, body);
      expect([method, path, r.status]).toEqual([method, path, 404]);
    }
    const stats = await ownerB.get<{ annotations: number }>(`/api/projects/${projectB}/stats`);
    expect(stats.body.annotations).toBe(0);
  }, 30_000);

  it('answers 404, not 403, for a project id that does not exist or is malformed', async () => {
    expect((await ownerA.get(`/api/projects/${randomUUID()}`)).status).toBe(404);
    expect((await ownerA.get(`/api/projects/not-a-uuid/stats`)).status).toBe(404);
  }, 30_000);

  it('gives an annotator 403 on owner and engineer routes of their own project', async () => {
    const forbidden: [string, string, unknown?][] = [
      ['PATCH', `/api/projects/${projectA}`, { name: 'x' }],
      ['POST', `/api/projects/${projectA}/members`, { email: 'x@example.test', role: 'annotator' }],
      ['POST', `/api/projects/${projectA}/api-keys`, { name: 'k' }],
      ['GET', `/api/projects/${projectA}/api-keys`],
      ['POST', `/api/projects/${projectA}/imports?format=jsonl`, '{"text":"x"}\n'],
      ['GET', `/api/projects/${projectA}/export?format=jsonl`],
      ['GET', `/api/projects/${projectA}/items`],
    ];
    for (const [method, path, body] of forbidden) {
      const headers = typeof body === 'string' ? { 'content-type': 'application/x-ndjson' } : undefined;
      const r = await annotatorA.request(method, path, body, headers);
      expect([method, path, r.status]).toEqual([method, path, 403]);
    }
    expect((await annotatorA.get(`/api/projects/${projectA}/stats`)).status).toBe(200);
    expect((await annotatorA.post(`/api/projects/${projectA}/tasks/next`, { count: 1 })).status).toBe(200);
  }, 30_000);

  it('only lets an admin create users', async () => {
    const r = await ownerA.post('/api/users', { email: 'z@example.test', name: 'Z', password: 'longenough' });
    expect(r.status).toBe(403);
  }, 30_000);

  it('answers 401 without credentials and for a wrong password', async () => {
    expect((await new ApiClient(stack.baseUrl).get(`/api/projects`)).status).toBe(401);
    const r = await new ApiClient(stack.baseUrl).post('/api/auth/login', { email: stack.admin.email, password: 'wrong' });
    expect(r.status).toBe(401);
  }, 30_000);

  it('rejects unknown body and query fields, naming them', async () => {
    const r = await ownerA.post('/api/projects', {
      name: 'x',
      labelSchema: { kind: 'single', labels: [{ name: 'a' }, { name: 'b' }] },
      isAdmin: true,
    });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('isAdmin');
    const q = await ownerA.get(`/api/projects/${projectA}/items?sort=text`);
    expect(q.status).toBe(400);
    expect(JSON.stringify(q.body)).toContain('sort');
    const bad = await ownerA.post('/api/projects', { name: 'x', labelSchema: { kind: 'single', labels: [{ name: 'a' }, { name: 'a' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: [{ path: 'labelSchema.labels.1.name' }] });
  }, 30_000);

  it('scopes an API key to its project and role', async () => {
    const k = await ownerA.post<CreatedApiKey>(`/api/projects/${projectA}/api-keys`, { name: 'retrain', role: 'engineer' });
    expect(k.status).toBe(201);
    const key = new ApiClient(stack.baseUrl, k.body.key);
    expect((await key.get(`/api/projects/${projectA}/export?format=jsonl`)).status).toBe(200);
    expect((await key.get(`/api/projects/${projectB}/stats`)).status).toBe(404);
    expect((await key.post(`/api/projects/${projectA}/members`, { email: 'x@example.test', role: 'owner' })).status).toBe(403);
    expect((await ownerA.delete(`/api/projects/${projectA}/api-keys/${k.body.id}`)).status).toBe(204);
    expect((await key.get(`/api/projects/${projectA}/stats`)).status).toBe(401);
  }, 30_000);

  it('refuses to join the socket room of another project', async () => {
    const socket = io(stack.baseUrl, { extraHeaders: { cookie: ownerA.sessionCookie! }, transports: ['websocket'] });
    try {
      await new Promise<void>((res, rej) => {
        socket.on('connect', () => res());
        socket.on('connect_error', rej);
      });
      const ackB = await socket.emitWithAck('project:join', { projectId: projectB }) as JoinAck;
      expect(ackB).toEqual({ ok: false, status: 404, message: 'project not found' });
      const ackA = await socket.emitWithAck('project:join', { projectId: projectA }) as JoinAck;
      expect(ackA).toEqual({ ok: true });
    } finally {
      socket.disconnect();
    }
    const anonymous = io(stack.baseUrl, { transports: ['websocket'], reconnection: false });
    const err = await new Promise<Error>((res) => anonymous.on('connect_error', res));
    anonymous.disconnect();
    expect(err.message).toBe('unauthenticated');
  }, 30_000);

  it('changes a password only with the current one', async () => {
    const u = await newUser(admin, 'Pat');
    const wrong = await u.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'a-new-password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ errors: [{ path: 'currentPassword' }] });
    expect((await u.post('/api/auth/password', { currentPassword: 'pw-Pat-secret', newPassword: 'a-new-password' })).status).toBe(204);
    const again = await new ApiClient(stack.baseUrl).post('/api/auth/login', { email: u.user!.email, password: 'a-new-password' });
    expect(again.status).toBe(200);
  }, 30_000);
});
