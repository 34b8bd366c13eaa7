// The authorization matrix, generated: every route Nest serves (read from the OpenAPI document it builds from the
// discovered controllers) and every socket event clients may emit, tried by every kind of caller, expecting what
// the route's own declaration (`x-arbiter-access`, set by the decorator that also enforces it) says. A route
// without a declaration fails here; so does an object id of another project that is not a 404.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { io } from 'socket.io-client';
import {
  ACCESS_EXTENSION,
  ROLE_RANK,
  routeAccessSchema,
  SOCKET_CLIENT_EVENTS,
  type CreatedApiKey,
  type Lf,
  type NextTasksResponse,
  type Role,
  type RouteAccess,
} from '@arbiter/contracts';
import { addMember, ApiClient, closeSession, importJsonl, newProject, newUser, openSession, Stack, type Reply } from '@arbiter/testing';
import type { Client } from 'pg';

type Principal =
  | 'anonymous'
  | 'outsider'
  | 'annotator'
  | 'reviewer'
  | 'engineer'
  | 'owner'
  | 'admin'
  | 'keyOfThisProject'
  | 'keyOfOtherProject'
  | 'serviceKey';
const PRINCIPALS: Principal[] = [
  'anonymous',
  'outsider',
  'annotator',
  'reviewer',
  'engineer',
  'owner',
  'admin',
  'keyOfThisProject',
  'keyOfOtherProject',
  'serviceKey',
];

/**
 * The status a caller who may not use the route gets, or 'allowed'. Project A does not let keys manage access. The
 * owner key is `keyOfThisProject`; `serviceKey` is a `service` key of project A, which passes only project routes
 * that admit service keys by name.
 */
function expected(access: RouteAccess, who: Principal): 'allowed' | 401 | 403 | 404 {
  if (access.kind === 'public') return 'allowed';
  if (who === 'anonymous') return 401;
  const isKey = who === 'keyOfThisProject' || who === 'keyOfOtherProject' || who === 'serviceKey';
  switch (access.kind) {
    case 'signed-in':
      return who === 'serviceKey' || (isKey && access.keys === 'refused') ? 403 : 'allowed';
    case 'admin':
      return who === 'admin' ? 'allowed' : 403;
    case 'project': {
      if (who === 'outsider' || who === 'keyOfOtherProject') return 404;
      if (who === 'serviceKey') return access.service ? 'allowed' : 403;
      if (who === 'keyOfThisProject') return access.keys === 'allowed' ? 'allowed' : 403;
      const rank = who === 'admin' ? ROLE_RANK.owner : ROLE_RANK[who as Role];
      return rank >= ROLE_RANK[access.role] ? 'allowed' : 403;
    }
  }
}

interface Operation {
  method: string;
  template: string;
  access: RouteAccess | null;
  params: string[];
  requiredQuery: Record<string, string>;
}

interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: { enum?: string[]; default?: unknown; type?: string };
}

// Bodies that pass validation, so an object of another project reaches the lookup that must answer 404.
const VALID_BODIES: Record<string, unknown> = {
  'POST /api/projects/{projectId}/review/{itemId}/decision': { labels: [0] },
  'PUT /api/projects/{projectId}/review/{itemId}/decision': { labels: [0] },
  'PATCH /api/projects/{projectId}/lfs/{lfId}': { description: 'probe' },
  'PATCH /api/users/{userId}': { disabled: true },
  'POST /api/projects/{projectId}/production-reviews/{reviewId}/verdict': { verdict: 'accept' },
  'POST /api/projects/{projectId}/production-reviews/claim': { count: 1 },
};

describe('authorization matrix', () => {
  let stack: Stack;
  let admin: ApiClient;
  let db: Client;
  const clients = {} as Record<Principal, ApiClient>;
  const keyTokens: Partial<Record<Principal, string>> = {};
  let projectA: string;
  let projectB: string;
  // Each path parameter: an object of project A, one of project B, and one that does not exist.
  const ids: Record<string, { own: string; other: string; missing: string }> = {};
  let operations: Operation[] = [];

  beforeAll(async () => {
    ({ stack, owner: admin, db } = await openSession());
    clients.admin = admin;
    clients.anonymous = new ApiClient(stack.baseUrl);
    const [owner, engineer, reviewer, annotator, outsider, ownerB] = await Promise.all(
      ['Owner', 'Engineer', 'Reviewer', 'Annotator', 'Outsider', 'OwnerB'].map((n) => newUser(admin, n)),
    );
    Object.assign(clients, { owner, engineer, reviewer, annotator, outsider });
    projectA = (await newProject(owner, { overlap: 2 })).id;
    projectB = (await newProject(ownerB)).id;
    for (const [c, role] of [[engineer, 'engineer'], [reviewer, 'reviewer'], [annotator, 'annotator']] as const) await addMember(owner, projectA, c, role);
    await importJsonl(owner, projectA, [{ text: 'a one' }, { text: 'a two' }]);
    await importJsonl(ownerB, projectB, [{ text: 'b one' }]);
    const itemOf = async (c: ApiClient, pid: string) => (await c.post<NextTasksResponse>(`/api/projects/${pid}/tasks/next`, { count: 1 })).body.tasks[0].item.id;
    const lfOf = async (c: ApiClient, pid: string) =>
      (await c.post<Lf>(`/api/projects/${pid}/lfs`, { name: 'probe', definition: { kind: 'keyword', keywords: ['one'], label: 0 } })).body.id;
    const keyOf = async (c: ApiClient, pid: string) => (await c.post<CreatedApiKey>(`/api/projects/${pid}/api-keys`, { name: 'probe', role: 'owner' })).body;
    const jobOf = async (c: ApiClient, pid: string) => (await c.post<{ jobId: string }>(`/api/projects/${pid}/recount`)).body.jobId;
    // A finished replay written directly: the projects hold too few labeled items to start one over HTTP.
    const replayOf = async (pid: string) =>
      (
        await db.query<{ id: string }>(
          `INSERT INTO al_replays (project_id, status, request, item_ids, item_labels, runs_total, finished_at)
           VALUES ($1, 'done', $2, '{}', '{}', 1, now()) RETURNING id`,
          [pid, JSON.stringify({ strategies: ['random'], seeds: 1, initial: 1, batch: 1, budget: 2 })],
        )
      ).rows[0].id;
    const predictionOf = async (c: ApiClient, pid: string, predictionId: string) =>
      (await c.post<{ predictionId: string }>(`/api/projects/${pid}/predictions`, { predictionId, item: { text: 'probe' }, model: { name: 'm', version: '1' }, probs: [0.9, 0.1] })).body.predictionId;
    // Even odds are routed by the default policy (review when P(wrong) > 0.2): the review it opened.
    const reviewOf = async (c: ApiClient, pid: string, predictionId: string) =>
      (await c.post<{ reviewId: string }>(`/api/projects/${pid}/predictions`, { predictionId, item: { text: 'probe' }, model: { name: 'm', version: '1' }, probs: [0.5, 0.5] })).body.reviewId;
    // A dead webhook delivery of the project's routed prediction, written directly (as after a receiver's last failure).
    const deliveryOf = async (c: ApiClient, pid: string, reviewId: string) => {
      expect((await c.request('PUT', `/api/projects/${pid}/routing/webhook`, { url: 'http://127.0.0.1:9/hook' })).status).toBe(200);
      return (
        await db.query<{ id: string }>(
          `INSERT INTO webhook_deliveries (id, project_id, review_id, event, body, status, attempts) VALUES ($1, $2, $3, 'verdict', '{}', 'dead', 1) RETURNING id`,
          [randomUUID(), pid, reviewId],
        )
      ).rows[0].id;
    };
    // A re-fit's proposal written directly (a real one needs 100 verdicts), on the policy the first decision stored.
    const zero = { total: 0, mean: 0, routed: 0, routedShare: 0 };
    const fit = {
      temperatureFit: { temperature: 1, nllBefore: 0, nllAfter: 0 },
      fitRows: 0,
      heldOutRows: 0,
      fitCost: zero,
      evaluation: { rows: 0, routeAll: zero, routeNone: zero, fixedThreshold: { ...zero, threshold: 0.5 }, bestThreshold: { ...zero, threshold: null }, atReviewCost: zero, learned: { ...zero, temperature: 1, reviewPrice: 0.2 }, curves: { threshold: [], price: [] } },
    };
    const proposalOf = async (pid: string) =>
      (
        await db.query<{ id: string }>(
          `INSERT INTO routing_proposals (id, project_id, base_version, policy, fit, reviewed_predictions)
           SELECT $1, $2, version, policy, $3, 0 FROM routing_policies WHERE project_id = $2 ORDER BY version DESC LIMIT 1 RETURNING id`,
          [randomUUID(), pid, JSON.stringify(fit)],
        )
      ).rows[0].id;
    // An empty complete snapshot written directly (its build is not what this file tests).
    const snapshotOf = async (pid: string, version: number) => {
      const hash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
      const empty = { rows: 0, contentHash: hash };
      const manifest = { version, rowCount: 0, contentHash: hash, splits: { train: empty, valid: empty, test: empty } };
      const datasheet = { version, rowCount: 0 };
      await db.query(
        `INSERT INTO snapshots (project_id, version, trigger, policy, status, completed_at, row_count, content_hash, manifest, datasheet)
         VALUES ($1, $2, 'manual', '{}', 'complete', now(), 0, $3, $4, $5)`,
        [pid, version, hash, JSON.stringify(manifest), JSON.stringify(datasheet)],
      );
      return String(version);
    };
    const [keyA, keyB] = [await keyOf(owner, projectA), await keyOf(ownerB, projectB)];
    const serviceKey = (await owner.post<CreatedApiKey>(`/api/projects/${projectA}/api-keys`, { name: 'service', role: 'service' })).body;
    Object.assign(keyTokens, { keyOfThisProject: keyA.key, keyOfOtherProject: keyB.key, serviceKey: serviceKey.key });
    clients.keyOfThisProject = new ApiClient(stack.baseUrl, keyA.key);
    clients.keyOfOtherProject = new ApiClient(stack.baseUrl, keyB.key);
    clients.serviceKey = new ApiClient(stack.baseUrl, serviceKey.key);
    Object.assign(ids, {
      projectId: { own: projectA, other: projectB, missing: randomUUID() },
      itemId: { own: await itemOf(owner, projectA), other: await itemOf(ownerB, projectB), missing: '987654321' },
      lfId: { own: await lfOf(owner, projectA), other: await lfOf(ownerB, projectB), missing: randomUUID() },
      keyId: { own: keyA.id, other: keyB.id, missing: randomUUID() },
      userId: { own: annotator.user!.id, other: ownerB.user!.id, missing: randomUUID() },
      jobId: { own: await jobOf(owner, projectA), other: await jobOf(ownerB, projectB), missing: 'no-such-job' },
      replayId: { own: await replayOf(projectA), other: await replayOf(projectB), missing: randomUUID() },
      reviewId: { own: await reviewOf(owner, projectA, 'routed-a'), other: await reviewOf(ownerB, projectB, 'routed-b'), missing: randomUUID() },
      deliveryId: {
        own: await deliveryOf(owner, projectA, await reviewOf(owner, projectA, 'delivered-a')),
        other: await deliveryOf(ownerB, projectB, await reviewOf(ownerB, projectB, 'delivered-b')),
        missing: randomUUID(),
      },
      predictionId: { own: await predictionOf(owner, projectA, 'probe-a'), other: await predictionOf(ownerB, projectB, 'probe-b'), missing: 'no-such-prediction' },
      proposalId: { own: await proposalOf(projectA), other: await proposalOf(projectB), missing: randomUUID() },
      // Versions are numbers per project: B's second has no counterpart in A.
      version: {
        own: (await snapshotOf(projectA, 1), await snapshotOf(projectA, 2)),
        other: (await snapshotOf(projectB, 1), await snapshotOf(projectB, 2), await snapshotOf(projectB, 3)),
        missing: '999',
      },
    });

    const doc = (await admin.get<{ paths: Record<string, Record<string, { parameters?: OpenApiParameter[] } & Record<string, unknown>>> }>('/api/docs/openapi.json')).body;
    operations = Object.entries(doc.paths).flatMap(([template, methods]) =>
      Object.entries(methods).map(([method, op]) => {
        const declared = op[ACCESS_EXTENSION];
        const parameters = op.parameters ?? [];
        return {
          method: method.toUpperCase(),
          template,
          access: declared === undefined ? null : routeAccessSchema.parse(declared),
          params: parameters.filter((p) => p.in === 'path').map((p) => p.name),
          requiredQuery: Object.fromEntries(
            parameters.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, String(p.schema?.enum?.[0] ?? p.schema?.default ?? 'x')]),
          ),
        };
      }),
    );
  }, 120_000);
  afterAll(() => closeSession({ stack, db }), 30_000);

  function url(op: Operation, pick: 'own' | 'other' | 'missing', projectPick: 'own' = 'own'): string {
    let path = op.template;
    for (const name of op.params) {
      const fixture = ids[name];
      if (!fixture) throw new Error(`${op.method} ${op.template}: no fixture for path parameter "${name}"; add one to the matrix`);
      path = path.replace(`{${name}}`, encodeURIComponent(name === 'projectId' ? fixture[projectPick] : fixture[pick]));
    }
    const query = new URLSearchParams(op.requiredQuery).toString();
    return query ? `${path}?${query}` : path;
  }

  // Reads first; a caller's sign-out last (it ends the session the rest of its requests use).
  const order = (op: Operation) => (op.template === '/api/auth/logout' ? 2 : op.method === 'GET' ? 0 : 1);

  const isProjectNotFound = (r: Reply) => r.status === 404 && (r.body as { message?: string })?.message === 'project not found';

  it('finds the routes in the OpenAPI document, and none is hidden from it', () => {
    expect(operations.length).toBeGreaterThan(40);
    expect(operations.map((o) => `${o.method} ${o.template}`)).toEqual(
      expect.arrayContaining(['POST /api/projects/{projectId}/review/{itemId}/decision', 'GET /health', 'GET /metrics']),
    );
    // A controller or handler left out of the document would also be left out of this matrix.
    const controllers = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? controllers(resolve(dir, e.name)) : e.name.endsWith('.controller.ts') ? [resolve(dir, e.name)] : [],
      );
    for (const file of controllers(resolve(__dirname, '../apps/api/src'))) {
      expect([file, /ApiExclude(Controller|Endpoint)/.test(readFileSync(file, 'utf8'))]).toEqual([file, false]);
    }
  }, 30_000);

  it('gives the service role to keys only, never to a member', async () => {
    const r = await clients.owner.post(`/api/projects/${projectA}/members`, { email: clients.annotator.user!.email, role: 'service' });
    expect([r.status, (r.body as { errors?: { path: string }[] }).errors?.[0]?.path]).toEqual([400, 'role']);
    const keys = await db.query(`SELECT role FROM api_keys WHERE project_id = $1 AND name = 'service'`, [projectA]);
    expect(keys.rows).toEqual([{ role: 'service' }]);
  }, 30_000);

  it('declares who may call every route', () => {
    expect(operations.filter((o) => !o.access).map((o) => `${o.method} ${o.template}`)).toEqual([]);
  }, 30_000);

  it('admits service keys exactly on the prediction routes, with engineers and owners', () => {
    const serviceRoutes = operations.filter((o) => o.access?.kind === 'project' && o.access.service).map((o) => `${o.method} ${o.template}`);
    expect(serviceRoutes.sort()).toEqual([
      'GET /api/projects/{projectId}/predictions/{predictionId}',
      'POST /api/projects/{projectId}/predictions',
      'POST /api/projects/{projectId}/predictions/batch',
    ]);
    for (const op of operations.filter((o) => o.template.startsWith('/api/projects/{projectId}/predictions'))) {
      expect([op.template, op.access]).toEqual([op.template, { kind: 'project', role: 'engineer', keys: 'allowed', service: true }]);
    }
  }, 30_000);

  it('answers 404 when a project route is given an object of another project, and changes nothing there', async () => {
    const withObjects = operations.filter((o) => o.access?.kind === 'project' && o.params.some((p) => p !== 'projectId'));
    expect(withObjects.length).toBeGreaterThan(8);
    const mismatches: string[] = [];
    for (const op of withObjects) {
      // The owner of project A may call every project route (with keys allowed or not: they are a person).
      const path = url(op, 'other');
      const body = op.method === 'GET' || op.method === 'DELETE' ? undefined : VALID_BODIES[`${op.method} ${op.template}`] ?? {};
      const r = await clients.owner.request(op.method, path, body);
      if (r.status !== 404 || isProjectNotFound(r)) mismatches.push(`${op.method} ${path}: expected the object's 404, got ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`);
    }
    expect(mismatches).toEqual([]);
    // Project B's objects are untouched: its member, key, LF and item.
    const b = await db.query(
      `SELECT (SELECT count(*) FROM project_members WHERE project_id = $1)::int AS members,
              (SELECT count(*) FROM api_keys WHERE project_id = $1 AND revoked_at IS NULL)::int AS keys,
              (SELECT count(*) FROM lf_versions v JOIN labeling_functions f ON f.id = v.lf_id WHERE f.project_id = $1)::int AS versions,
              (SELECT count(*) FROM items WHERE project_id = $1 AND gold IS NOT NULL)::int AS gold,
              (SELECT count(*) FROM skips WHERE project_id = $1)::int AS skips,
              (SELECT count(*) FROM production_reviews WHERE project_id = $1 AND status = 'decided')::int AS verdicts,
              (SELECT count(*) FROM webhook_deliveries WHERE project_id = $1 AND status = 'dead')::int AS "deadDeliveries",
              (SELECT count(*) FROM routing_proposals WHERE project_id = $1 AND applied_version IS NOT NULL)::int AS applied`,
      [projectB],
    );
    expect(b.rows[0]).toEqual({ members: 1, keys: 1, versions: 1, gold: 0, skips: 0, verdicts: 0, deadDeliveries: 1, applied: 0 });
  }, 120_000);

  it('answers every client socket event for every kind of caller as the event declares', async () => {
    const mismatches: string[] = [];
    for (const [event, access] of Object.entries(SOCKET_CLIENT_EVENTS)) {
      for (const who of PRINCIPALS) {
        const want = expected(access, who);
        const c = clients[who];
        const socket = io(stack.baseUrl, {
          transports: ['websocket'],
          reconnection: false,
          extraHeaders: c.sessionCookie ? { cookie: c.sessionCookie } : {},
          auth: keyTokens[who] ? { token: keyTokens[who] } : {},
        });
        const connected = await new Promise<boolean>((res) => {
          socket.once('connect', () => res(true));
          socket.once('connect_error', () => res(false));
        });
        let got: string;
        if (!connected) got = '401';
        else {
          const ack = (await socket.timeout(10_000).emitWithAck(event, { projectId: projectA })) as { ok: boolean; status?: number };
          got = ack.ok ? 'allowed' : String(ack.status);
        }
        socket.disconnect();
        if (got !== String(want)) mismatches.push(`${event} as ${who}: expected ${want}, got ${got}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
  // Last: each caller's sign-out ends the session the tests above use.
  it('answers every route for every kind of caller as the route declares', async () => {
    const mismatches: string[] = [];
    for (const op of [...operations].sort((a, b) => order(a) - order(b))) {
      for (const who of PRINCIPALS) {
        const want = expected(op.access!, who);
        // Refused callers get real objects of project A: a hole would act on them. Allowed ones read real objects
        // and write to objects that do not exist, with a body that fails validation, so the fixture stays as it is.
        const write = op.method !== 'GET';
        const path = url(op, want === 'allowed' && write ? 'missing' : 'own');
        const body = op.method === 'GET' || op.method === 'DELETE' ? undefined : want === 'allowed' ? { probe: true } : VALID_BODIES[`${op.method} ${op.template}`] ?? {};
        const r = await clients[who].request(op.method, path, body);
        const ok =
          want === 'allowed'
            ? r.status !== 401 && r.status !== 403 && !isProjectNotFound(r) && (write || r.status < 400)
            : r.status === want && (want !== 404 || isProjectNotFound(r));
        if (!ok) mismatches.push(`${op.method} ${path} as ${who}: expected ${want}, got ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 300_000);
});
