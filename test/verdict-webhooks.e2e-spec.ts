// Verdict webhooks over HTTP (issue 10): a project's webhook receives each reviewer verdict, signed with HMAC-SHA256
// over `${timestamp}.${body}`, exactly once per verdict even when the receiver fails twice first; a receiver that
// always fails leaves the delivery in the dead-letter list, and the retry route sends it once it recovers; a
// delivery whose queued job was lost (the worker down, the job gone from Redis) is sent by the next worker's sweep.
// Receivers are node:http servers on 127.0.0.1 that verify the signature themselves; retries use a short backoff.
// SLA escalations and monitoring alerts reach the same webhook as their own signed events.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import type { Client } from 'pg';
import type {
  CreatedApiKey,
  PredictionDecision,
  PutWebhookResponse,
  VerdictWebhookEvent,
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookView,
} from '@arbiter/contracts';
import { addMember, ApiClient, closeSession, newProject, newUser, openSession, Stack } from '@arbiter/testing';

const ATTEMPTS = 4;
const BACKOFF_MS = 200;
// BullMQ's exponential backoff: 200, 400, 800 ms between the four sends.
const SCHEDULE_MS = BACKOFF_MS * (2 ** (ATTEMPTS - 1) - 1);
const LABELS = ['ok', 'spam', 'fraud'];

interface Received {
  deliveryId: string;
  timestamp: string;
  signature: string;
  event: string;
  body: string;
  signatureValid: boolean;
  answered: number;
}

/** A webhook receiver: checks each request's signature with `secret`, answers what `answer` says (401 if unsigned). */
class Receiver {
  readonly received: Received[] = [];
  private server!: Server;
  url = '';

  constructor(
    public secret: string,
    public answer: (deliveryId: string, nthForDelivery: number) => number,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const h = (name: string) => String(req.headers[name] ?? '');
        const deliveryId = h('x-arbiter-delivery-id');
        const timestamp = h('x-arbiter-timestamp');
        const signature = h('x-arbiter-signature');
        const signatureValid = verify(this.secret, timestamp, body, signature);
        const nth = this.received.filter((r) => r.deliveryId === deliveryId).length + 1;
        const answered = signatureValid ? this.answer(deliveryId, nth) : 401;
        this.received.push({ deliveryId, timestamp, signature, event: h('x-arbiter-event'), body, signatureValid, answered });
        res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered < 300 ? 'ok' : 'receiver says no');
      });
    });
    await new Promise<void>((res) => this.server.listen(0, '127.0.0.1', res));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/arbiter`;
  }

  accepted(deliveryId?: string): Received[] {
    return this.received.filter((r) => r.answered >= 200 && r.answered < 300 && (deliveryId === undefined || r.deliveryId === deliveryId));
  }

  stop(): Promise<void> {
    return new Promise((res) => this.server.close(() => res()));
  }
}

/** What a receiver does, written out here rather than taken from the server: HMAC-SHA256 of `${timestamp}.${body}`. */
function verify(secret: string, timestamp: string, body: string, header: string): boolean {
  const want = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
  const got = Buffer.from(header);
  return want.length === got.length && timingSafeEqual(want, got);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('verdict webhooks', () => {
  let stack: Stack;
  let db: Client;
  let owner: ApiClient;
  let engineer: ApiClient;
  let reviewer: ApiClient;
  let annotator: ApiClient;
  let service: ApiClient;
  let projectId: string;
  let redis: IORedis;
  let queue: Queue;
  const receivers: Receiver[] = [];
  let seq = 0;
  const base = () => `/api/projects/${projectId}`;

  beforeAll(async () => {
    let admin: ApiClient;
    ({ stack, owner: admin, db } = await openSession({
      env: { WEBHOOK_ATTEMPTS: String(ATTEMPTS), WEBHOOK_BACKOFF_MS: String(BACKOFF_MS), WEBHOOK_TIMEOUT_MS: '5000', WEBHOOK_SWEEP_MS: '1000', SLA_SWEEP_MS: '200', MONITOR_ALERT_MS: '500' },
    }));
    [owner, engineer, reviewer, annotator] = await Promise.all(['Owner', 'Engineer', 'Reviewer', 'Annotator'].map((n) => newUser(admin, n)));
    projectId = (await newProject(owner, { labelSchema: { kind: 'single', labels: LABELS.map((name) => ({ name })) } })).id;
    await addMember(owner, projectId, engineer, 'engineer');
    await addMember(owner, projectId, reviewer, 'reviewer');
    await addMember(owner, projectId, annotator, 'annotator');
    const key = await owner.post<CreatedApiKey>(`${base()}/api-keys`, { name: 'prod', role: 'service' });
    service = new ApiClient(stack.baseUrl, key.body.key);
    redis = new IORedis(stack.env.REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue('webhooks', { connection: redis, prefix: stack.env.QUEUE_PREFIX });
  }, 120_000);
  afterAll(async () => {
    await queue?.close();
    redis?.disconnect();
    await Promise.all(receivers.map((r) => r.stop()));
    await closeSession({ stack, db });
  }, 30_000);

  async function receiver(secret: string, answer: Receiver['answer']): Promise<Receiver> {
    const r = new Receiver(secret, answer);
    await r.start();
    receivers.push(r);
    return r;
  }

  /** A routed prediction (even odds: the default policy reviews it) and the reviewer's verdict on it. */
  async function verdictOn(verdict: { verdict: 'accept' | 'correct' | 'reject'; label?: number }): Promise<{ predictionId: string; decision: PredictionDecision }> {
    const predictionId = `p-${++seq}`;
    const routed = await service.post<PredictionDecision>(`${base()}/predictions`, {
      predictionId,
      item: { text: `message ${seq}` },
      model: { name: 'spam-clf', version: '2.1' },
      probs: [0.4, 0.35, 0.25],
    });
    expect([routed.status, routed.body.action]).toEqual([200, 'review']);
    const decided = await reviewer.post<PredictionDecision>(`${base()}/production-reviews/${routed.body.reviewId}/verdict`, verdict);
    expect([predictionId, decided.status]).toEqual([predictionId, 200]);
    return { predictionId, decision: decided.body };
  }

  const deliveryRows = async (reviewId: string) =>
    (await db.query<{ id: string; status: string; attempts: number; last_status_code: number | null }>(
      `SELECT id, status, attempts, last_status_code FROM webhook_deliveries WHERE review_id = $1`,
      [reviewId],
    )).rows;

  /** No delivery job waiting, delayed or running: nothing more will be sent unless asked. */
  const quiescent = async () => {
    const counts = await queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
    return Object.values(counts).every((n) => n === 0);
  };

  async function deliveries(status: 'pending' | 'delivered' | 'dead', limit = 200): Promise<WebhookDelivery[]> {
    const r = await engineer.get<WebhookDeliveryPage>(`${base()}/routing/webhook/deliveries?status=${status}&limit=${limit}`);
    expect(r.status).toBe(200);
    return r.body.deliveries;
  }

  it('lets engineers set the webhook, shows its secret only once, and names the bad field', async () => {
    const none = await engineer.get<WebhookView>(`${base()}/routing/webhook`);
    expect([none.status, none.body]).toEqual([200, { configured: false, url: null, hasSecret: false, createdAt: null, updatedAt: null }]);
    // No webhook yet: a verdict is stored, and no delivery is queued for it.
    const before = await verdictOn({ verdict: 'accept' });
    expect(await deliveryRows(before.decision.reviewId as string)).toEqual([]);

    for (const [body, path] of [
      [{ url: 'not a url' }, 'url'],
      [{ url: 'ftp://127.0.0.1/x' }, 'url'],
      [{ url: 'https://example.com/hook', secret: 'short' }, 'secret'],
      [{ url: 'https://example.com/hook', extra: 1 }, '(body)'],
    ] as const) {
      const r = await engineer.request<{ errors: { path: string }[] }>('PUT', `${base()}/routing/webhook`, body);
      expect([JSON.stringify(body), r.status, r.body.errors?.[0]?.path]).toEqual([JSON.stringify(body), 400, path]);
    }
    const made = await engineer.request<PutWebhookResponse>('PUT', `${base()}/routing/webhook`, { url: 'https://example.com/hook' });
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ configured: true, url: 'https://example.com/hook', hasSecret: true });
    expect(made.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const read = await owner.get<WebhookView & { secret?: string }>(`${base()}/routing/webhook`);
    expect(read.body).toEqual({ configured: true, url: 'https://example.com/hook', hasSecret: true, createdAt: made.body.createdAt, updatedAt: made.body.updatedAt });
    expect(JSON.stringify(read.body)).not.toContain(made.body.secret);
    const own = await engineer.request<PutWebhookResponse>('PUT', `${base()}/routing/webhook`, { url: 'http://127.0.0.1:9/x', secret: 'a-secret-of-my-own' });
    expect([own.status, own.body.secret, own.body.createdAt]).toEqual([200, 'a-secret-of-my-own', made.body.createdAt]);

    // Reviewers, annotators and the production service's key may not touch it.
    for (const [who, c] of [['reviewer', reviewer], ['annotator', annotator], ['service', service]] as const) {
      const put = await c.request('PUT', `${base()}/routing/webhook`, { url: 'https://evil.example/hook' });
      const get = await c.get(`${base()}/routing/webhook`);
      const list = await c.get(`${base()}/routing/webhook/deliveries`);
      expect([who, put.status, get.status, list.status]).toEqual([who, 403, 403, 403]);
    }
    expect((await db.query(`SELECT url FROM project_webhooks WHERE project_id = $1`, [projectId])).rows).toEqual([{ url: 'http://127.0.0.1:9/x' }]);

    expect((await engineer.request('DELETE', `${base()}/routing/webhook`)).status).toBe(204);
    expect((await engineer.request('DELETE', `${base()}/routing/webhook`)).status).toBe(404);
    expect((await engineer.get<WebhookView>(`${base()}/routing/webhook`)).body.configured).toBe(false);
  }, 60_000);

  it('delivers each verdict exactly once, signed, to a receiver that fails twice first', async () => {
    const secret = 'flaky-receiver-secret-1';
    const flaky = await receiver(secret, (_id, nth) => (nth <= 2 ? 500 : 204));
    expect((await engineer.request('PUT', `${base()}/routing/webhook`, { url: flaky.url, secret })).status).toBe(200);

    const verdicts = [{ verdict: 'accept' as const }, { verdict: 'correct' as const, label: 2 }, { verdict: 'reject' as const }, { verdict: 'correct' as const, label: 1 }, { verdict: 'accept' as const }, { verdict: 'correct' as const, label: 0 }];
    const done = await Promise.all(verdicts.map((v) => verdictOn(v)));
    // Acknowledged means queued: each verdict's delivery row exists when its answer arrives.
    const ids = new Map<string, string>();
    for (const { decision } of done) {
      const rows = await deliveryRows(decision.reviewId as string);
      expect(rows).toHaveLength(1);
      ids.set(rows[0].id, decision.predictionId);
    }

    await until('every delivery delivered', async () => (await deliveries('delivered')).length === done.length);
    await until('the webhook queue to go quiet', quiescent);
    // Past the whole retry schedule twice over: a delivered verdict is never sent again.
    await sleep(2 * SCHEDULE_MS + 500);
    expect(await quiescent()).toBe(true);

    for (const [deliveryId, predictionId] of ids) {
      const got = flaky.received.filter((r) => r.deliveryId === deliveryId);
      // Two 500s, then one accepted delivery; all three signed with the secret, carrying the same body.
      expect([predictionId, got.map((r) => r.answered)]).toEqual([predictionId, [500, 500, 204]]);
      expect(got.every((r) => r.signatureValid && r.event === 'verdict')).toBe(true);
      expect(new Set(got.map((r) => r.body)).size).toBe(1);
    }
    expect(flaky.accepted()).toHaveLength(done.length);

    for (const { decision } of done) {
      const r = flaky.accepted().find((a) => JSON.parse(a.body).reviewId === decision.reviewId) as Received;
      const event = JSON.parse(r.body) as VerdictWebhookEvent;
      const label = decision.verdict?.label ?? null;
      expect(event).toEqual({
        type: 'verdict',
        deliveryId: r.deliveryId,
        projectId,
        predictionId: decision.predictionId,
        reviewId: decision.reviewId,
        verdict: decision.verdict?.verdict,
        label,
        labelName: label === null ? null : LABELS[label],
        decidedAt: decision.verdict?.decidedAt,
        model: { name: 'spam-clf', version: '2.1' },
      });
      // The signature header is the HMAC of these exact bytes and this timestamp; another secret does not produce it.
      expect(r.signature).toBe(`sha256=${createHmac('sha256', secret).update(`${r.timestamp}.${r.body}`).digest('hex')}`);
      expect(verify('another-secret-entirely', r.timestamp, r.body, r.signature)).toBe(false);
      expect(verify(secret, r.timestamp, `${r.body} `, r.signature)).toBe(false);
      expect(r.timestamp).toMatch(/^[0-9]{10}$/);
    }
    const rows = await db.query(`SELECT status, attempts, last_status_code FROM webhook_deliveries WHERE id = ANY($1::uuid[])`, [[...ids.keys()]]);
    expect(rows.rows).toEqual(done.map(() => ({ status: 'delivered', attempts: 3, last_status_code: 204 })));

    // The list pages by keyset: every delivery once, oldest first.
    const pages: string[] = [];
    for (let after: string | null | undefined; after !== null; ) {
      const page = await engineer.get<WebhookDeliveryPage>(`${base()}/routing/webhook/deliveries?status=delivered&limit=4${after ? `&after=${after}` : ''}`);
      pages.push(...page.body.deliveries.map((d) => d.deliveryId));
      after = page.body.cursor;
    }
    expect(pages.sort()).toEqual([...ids.keys()].sort());
    // A delivered one cannot be retried.
    const again = await engineer.post<{ code: string }>(`${base()}/routing/webhook/deliveries/${pages[0]}/retry`);
    expect([again.status, again.body.code]).toEqual([409, 'CONFLICT']);
  }, 120_000);

  it('lists a delivery the receiver always refuses as dead, and sends it again on retry once the receiver recovers', async () => {
    const secret = 'down-receiver-secret-22';
    let up = false;
    const down = await receiver(secret, () => (up ? 200 : 503));
    expect((await engineer.request('PUT', `${base()}/routing/webhook`, { url: down.url, secret })).status).toBe(200);
    const { decision } = await verdictOn({ verdict: 'correct', label: 1 });
    const [row] = await deliveryRows(decision.reviewId as string);

    const dead = await until('the dead letter', async () => (await deliveries('dead')).find((d) => d.deliveryId === row.id));
    expect(dead).toMatchObject({ status: 'dead', attempts: ATTEMPTS, lastStatusCode: 503, predictionId: decision.predictionId, verdict: 'correct', deliveredAt: null });
    expect(dead.lastError).toBe('HTTP 503: receiver says no');
    await until('the webhook queue to go quiet', quiescent);
    expect(down.received.filter((r) => r.deliveryId === row.id).map((r) => r.answered)).toEqual(Array(ATTEMPTS).fill(503));

    // Only engineers and owners may retry it; the service key and a reviewer are refused, and nothing is sent.
    expect((await reviewer.post(`${base()}/routing/webhook/deliveries/${row.id}/retry`)).status).toBe(403);
    expect((await service.post(`${base()}/routing/webhook/deliveries/${row.id}/retry`)).status).toBe(403);
    expect((await engineer.post(`${base()}/routing/webhook/deliveries/not-a-uuid/retry`)).status).toBe(404);

    up = true;
    const retried = await engineer.post<{ status: string }>(`${base()}/routing/webhook/deliveries/${row.id}/retry`);
    expect([retried.status, retried.body.status]).toEqual([202, 'pending']);
    await until('the retried delivery', async () => (await deliveries('delivered')).find((d) => d.deliveryId === row.id));
    await until('the webhook queue to go quiet', quiescent);
    await sleep(2 * SCHEDULE_MS + 500);
    expect(down.accepted(row.id)).toHaveLength(1);
    expect(down.received.filter((r) => r.deliveryId === row.id)).toHaveLength(ATTEMPTS + 1);
    expect((await deliveries('dead')).map((d) => d.deliveryId)).not.toContain(row.id);
    expect(await deliveryRows(decision.reviewId as string)).toEqual([{ id: row.id, status: 'delivered', attempts: ATTEMPTS + 1, last_status_code: 200 }]);
  }, 120_000);

  it('sends a delivery whose job was lost, once, when a worker starts again', async () => {
    const secret = 'sweeper-receiver-secret';
    const ok = await receiver(secret, () => 200);
    expect((await engineer.request('PUT', `${base()}/routing/webhook`, { url: ok.url, secret })).status).toBe(200);
    // No worker: the verdict's job waits in the queue; then it is lost, as with a Redis restart without persistence.
    for (const w of stack.workers) {
      if (w.exitCode === null && w.signalCode === null) {
        const exited = new Promise((res) => w.once('exit', res));
        w.kill('SIGTERM');
        await exited;
      }
    }
    const { decision } = await verdictOn({ verdict: 'reject' });
    const [row] = await deliveryRows(decision.reviewId as string);
    const job = await until('the queued job', async () => queue.getJob(row.id));
    await job.remove();
    expect(await queue.getJob(row.id)).toBeUndefined();
    expect((await deliveries('pending')).map((d) => d.deliveryId)).toEqual([row.id]);

    stack.startWorker();
    await until('the swept delivery', async () => (await deliveries('delivered')).find((d) => d.deliveryId === row.id));
    await until('the webhook queue to go quiet', quiescent);
    await sleep(2 * SCHEDULE_MS + 1500);
    expect(ok.received.filter((r) => r.deliveryId === row.id).map((r) => [r.answered, r.signatureValid])).toEqual([[200, true]]);
    expect(JSON.parse(ok.accepted(row.id)[0].body)).toMatchObject({ verdict: 'reject', label: null, labelName: null, predictionId: decision.predictionId });
  }, 120_000);

  it('pushes SLA escalations and monitoring alerts as signed events, each alert once per metric and hour', async () => {
    const secret = 'events-receiver-secret';
    const ok = await receiver(secret, () => 204);
    expect((await engineer.request('PUT', `${base()}/routing/webhook`, { url: ok.url, secret })).status).toBe(200);

    // An escalation: a routed prediction's review passes its deadline (moved into the past: the clock is what the
    // test skips) under the "act" escalation.
    await owner.request('PATCH', `${base()}/routing/settings`, { slaMinutes: 30, escalation: 'act' });
    const routed = await service.post<PredictionDecision>(`${base()}/predictions`, { predictionId: 'late-1', item: { text: 'late' }, model: { name: 'spam-clf', version: '2.1' }, probs: [0.4, 0.35, 0.25] });
    expect([routed.body.action, routed.body.reviewDeadline === null]).toEqual(['review', false]);
    await db.query(`UPDATE production_reviews SET deadline_at = now() - interval '1 second' WHERE id = $1`, [routed.body.reviewId]);
    const escalation = await until('the escalation event', async () => ok.accepted().find((r) => r.event === 'escalation'));
    expect(escalation.signatureValid).toBe(true);
    expect(JSON.parse(escalation.body)).toMatchObject({
      type: 'escalation', deliveryId: escalation.deliveryId, projectId, predictionId: 'late-1', reviewId: routed.body.reviewId,
      action: 'act', label: routed.body.label, labelName: LABELS[routed.body.label], model: { name: 'spam-clf', version: '2.1' },
    });
    await owner.request('PATCH', `${base()}/routing/settings`, { slaMinutes: null });

    // Alerts: a model version trained on confident, mostly-"ok" data now sees uncertain "spam" traffic.
    const reference = { model: { name: 'drifty', version: '1' }, confidences: Array.from({ length: 400 }, (_, i) => 0.9 + (i % 100) / 1000), labelCounts: [300, 50, 50] };
    expect((await owner.request('PUT', `${base()}/routing/model-references`, reference)).status).toBe(204);
    const traffic = Array.from({ length: 200 }, (_, i) => {
      const top = 0.45 + (i % 20) / 100;
      return { predictionId: `drift-${i}`, item: { text: `d ${i}` }, model: { name: 'drifty', version: '1' }, probs: [(1 - top) / 2, top, (1 - top) / 2] };
    });
    expect((await service.post(`${base()}/predictions/batch`, { predictions: traffic })).status).toBe(200);
    const monitored = await engineer.get<{ alerts: { metric: string }[] }>(`${base()}/routing/monitoring?modelName=drifty&modelVersion=1`);
    const expected = monitored.body.alerts.map((a) => a.metric).sort();
    expect(expected).toEqual(expect.arrayContaining(['confidence PSI', 'predicted-class PSI']));
    const alerts = () => ok.accepted().filter((r) => r.event === 'alert');
    await until('every alert', async () => alerts().length >= expected.length);
    // Several more passes of the monitor (every 500 ms) queue nothing again within the hour.
    await sleep(2500);
    const bodies = alerts().map((r) => JSON.parse(r.body) as { type: string; metric: string; model: unknown; deliveryId: string });
    expect(bodies.map((b) => b.metric).sort()).toEqual(expected);
    expect(alerts().every((r) => r.signatureValid)).toBe(true);
    expect(bodies.every((b, i) => b.type === 'alert' && b.deliveryId === alerts()[i].deliveryId)).toBe(true);
    expect(bodies[0].model).toEqual({ name: 'drifty', version: '1' });
  }, 120_000);
});
