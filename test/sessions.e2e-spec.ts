// Sessions, keys and browsers, over HTTP and socket.io on real PostgreSQL and Redis: ended access ends open
// sockets too; sign-in and bad credentials are rate-limited; keys expire, record who minted them and cannot mint
// beyond their project's rules; cross-origin browser requests and sockets are refused; responses carry security
// headers; the CSV export does not carry live formulas; NUL and lone surrogates are a 400 naming the field.
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { io, Socket } from 'socket.io-client';
import type { ApiKey, CreatedApiKey, NextTasksResponse } from '@arbiter/contracts';
import { addMember, ApiClient, closeSession, importJsonl, newProject, newUser, openSession, Stack } from '@arbiter/testing';
import type { Client } from 'pg';

// Each test signs in from an address of its own (X-Forwarded-For, trusted by this stack), so one test's failed
// attempts never count against another's.
let lastAddress = 0;
const newAddress = () => `203.0.113.${++lastAddress}`;

describe('sessions, keys and browsers', () => {
  let stack: Stack;
  let admin: ApiClient;
  let db: Client;
  beforeAll(
    async () =>
      ({ stack, owner: admin, db } = await openSession({
        env: { TRUST_PROXY: 'true', LOGIN_FAILURES_PER_ACCOUNT: '5', AUTH_FAILURES_PER_ADDRESS: '8', AUTH_FAILURE_WINDOW_SECONDS: '600' },
      })),
    90_000,
  );
  afterAll(() => closeSession({ stack, db }), 30_000);

  async function connect(opts: { cookie?: string; token?: string; origin?: string }): Promise<Socket> {
    const socket = io(stack.baseUrl, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(opts.origin ? { origin: opts.origin } : {}) },
      ...(opts.token ? { auth: { token: opts.token } } : {}),
    });
    await new Promise<void>((res, rej) => {
      socket.once('connect', () => res());
      socket.once('connect_error', rej);
    });
    return socket;
  }

  /** Resolves with the disconnect reason; fails the test if the server does not close the socket. */
  const closedByServer = (socket: Socket) =>
    new Promise<string>((res, rej) => {
      const timer = setTimeout(() => rej(new Error('the socket stayed open')), 15_000);
      socket.once('disconnect', (reason) => {
        clearTimeout(timer);
        res(reason);
      });
    });

  async function secondSession(u: ApiClient, password: string): Promise<ApiClient> {
    return new ApiClient(stack.baseUrl).login(u.user!.email, password);
  }

  it('ends every other session and its sockets on a password change; this session stays signed in', async () => {
    const u = await newUser(admin, 'Pat');
    const other = await secondSession(u, 'pw-Pat-secret');
    const socket = await connect({ cookie: other.sessionCookie });
    const closed = closedByServer(socket);
    expect((await u.post('/api/auth/password', { currentPassword: 'pw-Pat-secret', newPassword: 'a-new-password' })).status).toBe(204);
    expect(await closed).toBe('io server disconnect');
    expect((await other.get('/api/auth/me')).status).toBe(401);
    expect((await u.get('/api/auth/me')).status).toBe(200);
  }, 60_000);

  it('closes the socket of a session that logs out, and only that one', async () => {
    const u = await newUser(admin, 'Lou');
    const other = await secondSession(u, 'pw-Lou-secret');
    const [mine, theirs] = await Promise.all([connect({ cookie: u.sessionCookie }), connect({ cookie: other.sessionCookie })]);
    const closed = closedByServer(mine);
    expect((await u.post('/api/auth/logout')).status).toBe(204);
    expect(await closed).toBe('io server disconnect');
    expect(theirs.connected).toBe(true);
    expect((await other.get('/api/auth/me')).status).toBe(200);
    theirs.disconnect();
  }, 60_000);

  it('lets an admin disable a user (every session and socket ends, sign-in refused) and enable them again', async () => {
    const u = await newUser(admin, 'Dee');
    const socket = await connect({ cookie: u.sessionCookie });
    const closed = closedByServer(socket);
    const r = await admin.patch(`/api/users/${u.user!.id}`, { disabled: true });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: u.user!.id, disabled: true });
    expect(await closed).toBe('io server disconnect');
    expect((await u.get('/api/auth/me')).status).toBe(401);
    const login = await new ApiClient(stack.baseUrl).post('/api/auth/login', { email: u.user!.email, password: 'pw-Dee-secret' });
    expect(login.status).toBe(401);
    expect((login.body as { message: string }).message).toMatch(/disabled/);
    expect((await u.patch(`/api/users/${admin.user!.id}`, { disabled: true })).status).toBe(401);
    expect((await admin.patch(`/api/users/${admin.user!.id}`, { disabled: true })).status).toBe(400);
    expect((await admin.patch(`/api/users/${u.user!.id}`, { disabled: false })).status).toBe(200);
    expect((await new ApiClient(stack.baseUrl).post('/api/auth/login', { email: u.user!.email, password: 'pw-Dee-secret' })).status).toBe(200);
  }, 60_000);

  it('takes a removed member out of the project room at once, and tells a member whose role changed', async () => {
    const p = await newProject(admin);
    const [stay, gone] = await Promise.all([newUser(admin, 'Stays'), newUser(admin, 'Goes')]);
    await addMember(admin, p.id, stay, 'annotator');
    await addMember(admin, p.id, gone, 'annotator');
    const [sStay, sGone] = await Promise.all([connect({ cookie: stay.sessionCookie }), connect({ cookie: gone.sessionCookie })]);
    for (const s of [sStay, sGone]) expect(await s.emitWithAck('project:join', { projectId: p.id })).toEqual({ ok: true });
    const access: unknown[] = [];
    sGone.on('project:access', (e) => access.push(e));
    const goneStats: unknown[] = [];
    const stayStats: unknown[] = [];

    // Role change: told, and joining again works under the new role.
    const toldRole = new Promise((res) => sGone.once('project:access', res));
    await addMember(admin, p.id, gone, 'reviewer');
    expect(await toldRole).toEqual({ projectId: p.id, role: 'reviewer' });
    expect(await sGone.emitWithAck('project:join', { projectId: p.id })).toEqual({ ok: true });

    const toldRemoved = new Promise((res) => sGone.once('project:access', res));
    expect((await admin.delete(`/api/projects/${p.id}/members/${gone.user!.id}`)).status).toBe(204);
    expect(await toldRemoved).toEqual({ projectId: p.id, role: null });
    sGone.on('project:stats', (e) => goneStats.push(e));
    const stayHeard = new Promise((res) => sStay.once('project:stats', res));
    sStay.on('project:stats', (e) => stayStats.push(e));
    await importJsonl(admin, p.id, [{ text: 'after the removal' }]);
    // The member who stayed hears the new counts; by then the removed one would have too.
    await stayHeard;
    expect(goneStats).toEqual([]);
    expect(await sGone.emitWithAck('project:join', { projectId: p.id })).toMatchObject({ ok: false, status: 404 });
    sStay.disconnect();
    sGone.disconnect();
  }, 60_000);

  it('limits failed sign-ins per account with 429 and Retry-After, the right password included', async () => {
    const u = await newUser(admin, 'Target');
    const from = newAddress();
    const attempt = (password: string, address = from) =>
      new ApiClient(stack.baseUrl).post('/api/auth/login', { email: u.user!.email, password }, { 'x-forwarded-for': address });
    for (let i = 0; i < 5; i++) expect((await attempt('wrong-password')).status).toBe(401);
    const limited = await attempt('wrong-password');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Per account: the right password from another address is refused too, until the window ends.
    expect((await attempt('pw-Target-secret', newAddress())).status).toBe(429);
    // Other accounts are not affected.
    const bystander = await newUser(admin, 'Bystander');
    const ok = await new ApiClient(stack.baseUrl).post('/api/auth/login', { email: bystander.user!.email, password: 'pw-Bystander-secret' }, { 'x-forwarded-for': from });
    expect(ok.status).toBe(200);
  }, 60_000);

  it('limits failed credentials per address, bad API keys included', async () => {
    const from = newAddress();
    const u = await newUser(admin, 'Prober');
    const p = await newProject(admin);
    for (let i = 0; i < 8; i++) {
      const r = await new ApiClient(stack.baseUrl, `arb_${randomUUID()}`).request('GET', `/api/projects/${p.id}`, undefined, { 'x-forwarded-for': from });
      expect(r.status).toBe(401);
    }
    const key = await new ApiClient(stack.baseUrl, `arb_${randomUUID()}`).request('GET', `/api/projects/${p.id}`, undefined, { 'x-forwarded-for': from });
    expect(key.status).toBe(429);
    expect(Number(key.headers.get('retry-after'))).toBeGreaterThan(0);
    const login = await new ApiClient(stack.baseUrl).post('/api/auth/login', { email: u.user!.email, password: 'pw-Prober-secret' }, { 'x-forwarded-for': from });
    expect(login.status).toBe(429);
    // Another address is not affected.
    expect((await new ApiClient(stack.baseUrl).post('/api/auth/login', { email: u.user!.email, password: 'pw-Prober-secret' }, { 'x-forwarded-for': newAddress() })).status).toBe(200);
  }, 60_000);

  it('gives keys an expiry and a recorded creator; keys mint keys and manage members only where the project allows it', async () => {
    const p = await newProject(admin);
    const made = await admin.post<CreatedApiKey>(`/api/projects/${p.id}/api-keys`, { name: 'ci', role: 'owner', expiresInDays: 2 });
    expect(made.status).toBe(201);
    const days = (new Date(made.body.expiresAt!).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(1.9);
    expect(days).toBeLessThanOrEqual(2);
    expect(made.body.createdBy).toEqual({ kind: 'user', userId: admin.user!.id, name: admin.user!.name });
    const defaulted = await admin.post<CreatedApiKey>(`/api/projects/${p.id}/api-keys`, { name: 'default' });
    expect((new Date(defaulted.body.expiresAt!).getTime() - Date.now()) / 86_400_000).toBeCloseTo(90, 0);

    const ownerKey = new ApiClient(stack.baseUrl, made.body.key);
    const refused = await ownerKey.post(`/api/projects/${p.id}/api-keys`, { name: 'child', role: 'engineer' });
    expect(refused.status).toBe(403);
    const someone = await newUser(admin, 'Someone');
    expect((await ownerKey.post(`/api/projects/${p.id}/members`, { email: someone.user!.email, role: 'owner' })).status).toBe(403);

    expect((await admin.patch(`/api/projects/${p.id}`, { keysManageAccess: true })).status).toBe(200);
    const child = await ownerKey.post<CreatedApiKey>(`/api/projects/${p.id}/api-keys`, { name: 'child', role: 'engineer', expiresInDays: 365 });
    expect(child.status).toBe(201);
    expect(child.body.createdBy).toEqual({ kind: 'key', keyId: made.body.id, name: 'ci' });
    // A child never outlives the key that minted it.
    expect(new Date(child.body.expiresAt!).getTime()).toBeLessThanOrEqual(new Date(made.body.expiresAt!).getTime());
    // An engineer key is below the owner routes altogether.
    expect((await new ApiClient(stack.baseUrl, child.body.key).post(`/api/projects/${p.id}/api-keys`, { name: 'x', role: 'owner' })).status).toBe(403);

    // Revoking the parent revokes the child and closes both keys' sockets.
    const socket = await connect({ token: child.body.key });
    const closed = closedByServer(socket);
    expect((await admin.delete(`/api/projects/${p.id}/api-keys/${made.body.id}`)).status).toBe(204);
    expect(await closed).toBe('io server disconnect');
    expect((await new ApiClient(stack.baseUrl, child.body.key).get(`/api/projects/${p.id}`)).status).toBe(401);
    const listed = (await admin.get<ApiKey[]>(`/api/projects/${p.id}/api-keys`)).body;
    expect(listed.filter((k) => k.revokedAt).map((k) => k.name).sort()).toEqual(['child', 'ci']);

    // An expired key stops working (expiry by the database clock).
    await db.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [defaulted.body.id]);
    expect((await new ApiClient(stack.baseUrl, defaulted.body.key).get(`/api/projects/${p.id}`)).status).toBe(401);
  }, 60_000);

  it('refuses state-changing browser requests and sockets from another origin', async () => {
    const body = { name: 'csrf', labelSchema: { kind: 'single', labels: [{ name: 'a' }, { name: 'b' }] } };
    const own = new URL(stack.baseUrl).origin;
    const cross = await admin.post('/api/projects', body, { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    expect(cross.body).toMatchObject({ code: 'CROSS_ORIGIN_REQUEST' });
    expect((await admin.post('/api/projects', body, { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' })).status).toBe(403);
    expect((await admin.post('/api/projects', body, { 'sec-fetch-site': 'same-origin', origin: own })).status).toBe(201);
    // No browser headers: a script or curl with the cookie jar, as the README shows.
    expect((await admin.post('/api/projects', body)).status).toBe(201);
    // Reading is never refused.
    expect((await admin.request('GET', '/api/projects', undefined, { origin: 'https://evil.example' })).status).toBe(200);
    await expect(connect({ cookie: admin.sessionCookie, origin: 'https://evil.example' })).rejects.toThrow();
    const ok = await connect({ cookie: admin.sessionCookie, origin: own });
    ok.disconnect();
  }, 60_000);

  it('sends security headers with the UI and the API', async () => {
    for (const path of ['/', '/api/projects']) {
      const r = await admin.get(path);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
    }
  }, 30_000);

  it('exports CSV cells that would start a formula with a leading quote', async () => {
    const p = await newProject(admin);
    const texts = ['=HYPERLINK("http://evil.example","click")', '+1+1', '@SUM(A1)', '-2+3', 'plain'];
    await importJsonl(admin, p.id, texts.map((text, i) => ({ id: `x${i}`, text })), 'format=jsonl&externalIdField=id');
    const csv = await admin.get<string>(`/api/projects/${p.id}/export?format=csv`);
    const rows = parse(csv.body, { columns: true }) as { text: string }[];
    expect(rows.map((r) => r.text)).toEqual(["'=HYPERLINK(\"http://evil.example\",\"click\")", "'+1+1", "'@SUM(A1)", "'-2+3", 'plain']);
  }, 30_000);

  it('answers 400 naming the field for a NUL or a lone surrogate in any JSON body', async () => {
    const nul = await admin.post('/api/projects', { name: 'a\u0000b', labelSchema: { kind: 'single', labels: [{ name: 'a' }, { name: 'b' }] } });
    expect(nul.status).toBe(400);
    expect(nul.body).toMatchObject({ errors: [{ path: 'name' }] });
    const lone = await admin.post('/api/projects', { name: 'ok', labelSchema: { kind: 'single', labels: [{ name: 'a' }, { name: 'b\ud800' }] } });
    expect(lone.status).toBe(400);
    expect(lone.body).toMatchObject({ errors: [{ path: 'labelSchema.labels.1.name' }] });
    const p = await newProject(admin);
    const lf = await admin.post(`/api/projects/${p.id}/lfs`, { name: 'x\u0000', definition: { kind: 'keyword', keywords: ['a'], label: 0 } });
    expect(lf.status).toBe(400);
    expect(lf.body).toMatchObject({ errors: [{ path: 'name' }] });
    const key = await admin.post(`/api/projects/${p.id}/api-keys`, { name: '\udc00' });
    expect(key.body).toMatchObject({ errors: [{ path: 'name' }] });
    // Emoji (paired surrogates) are fine.
    expect((await admin.post(`/api/projects/${p.id}/api-keys`, { name: 'bot 🤖' })).status).toBe(201);
    // Nothing of the refused requests was written.
    const t = await admin.post<NextTasksResponse>(`/api/projects/${p.id}/tasks/next`, { count: 1 });
    expect(t.status).toBe(200);
  }, 30_000);
});
