// A small HTTP client for end-to-end tests: one cookie jar per signed-in user.
import type { AlRound, AlRoundList, CreateProjectRequest, Project, Role, User } from '@arbiter/contracts';

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export class ApiClient {
  private cookie?: string;
  user?: User;

  constructor(
    readonly baseUrl: string,
    private readonly bearer?: string,
  ) {}

  async request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const isRaw = typeof body === 'string' || body instanceof Uint8Array;
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined && !isRaw ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : isRaw ? (body as string | Uint8Array) : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('application/json') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get = <T = unknown>(path: string) => this.request<T>('GET', path);
  post = <T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) => this.request<T>('POST', path, body ?? {}, headers);
  patch = <T = unknown>(path: string, body: unknown) => this.request<T>('PATCH', path, body);
  delete = <T = unknown>(path: string) => this.request<T>('DELETE', path);

  get sessionCookie(): string | undefined {
    return this.cookie;
  }

  async login(email: string, password: string): Promise<this> {
    const r = await this.post<User>('/api/auth/login', { email, password });
    if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${JSON.stringify(r.body)}`);
    this.user = r.body;
    return this;
  }
}

export async function signIn(baseUrl: string, creds: { email: string; password: string }): Promise<ApiClient> {
  return new ApiClient(baseUrl).login(creds.email, creds.password);
}

/** Creates a user through the admin API and returns a signed-in client for them. */
export async function newUser(admin: ApiClient, name: string): Promise<ApiClient> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]/g, '')}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const password = `pw-${name}-secret`;
  const r = await admin.post('/api/users', { email, name, password });
  if (r.status !== 201) throw new Error(`create user: ${r.status} ${JSON.stringify(r.body)}`);
  return new ApiClient(admin.baseUrl).login(email, password);
}

export async function newProject(owner: ApiClient, patch: Partial<CreateProjectRequest> = {}): Promise<Project> {
  const r = await owner.post<Project>('/api/projects', {
    name: 'Spam or ham',
    labelSchema: { kind: 'single', labels: [{ name: 'ham', hotkey: 'h' }, { name: 'spam', hotkey: 'p' }] },
    ...patch,
  });
  if (r.status !== 201) throw new Error(`create project: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function addMember(owner: ApiClient, projectId: string, member: ApiClient, role: Role): Promise<void> {
  const r = await owner.post(`/api/projects/${projectId}/members`, { email: member.user!.email, role });
  if (r.status !== 201) throw new Error(`add member: ${r.status} ${JSON.stringify(r.body)}`);
}

/** Imports rows as JSON lines; returns the report. */
export async function importJsonl(owner: ApiClient, projectId: string, rows: object[], query = 'format=jsonl') {
  const body = rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
  return owner.post<{ inserted: number; duplicates: number; rejected: number }>(
    `/api/projects/${projectId}/imports?${query}`,
    body,
    { 'content-type': 'application/x-ndjson' },
  );
}

/**
 * Asks for an active-learning round and polls the rounds list until the worker closes it: the round when done; a
 * failed round or one still open after `timeoutMs` throws with the tail of the stack's logs.
 */
export async function runAlRound(owner: ApiClient, projectId: string, logs: () => string, timeoutMs = 240_000): Promise<AlRound> {
  const started = await owner.post<AlRound>(`/api/projects/${projectId}/active-learning/rounds`);
  if (started.status !== 202) throw new Error(`starting a round answered ${started.status}: ${JSON.stringify(started.body)}`);
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    const round = (await owner.get<AlRoundList>(`/api/projects/${projectId}/active-learning/rounds`)).body.rounds.find((r) => r.id === started.body.id);
    if (round?.status === 'done') return round;
    if (round?.status === 'failed') throw new Error(`round failed: ${round.error}\n${logs().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`round ${started.body.id} did not finish:\n${logs().slice(-3000)}`);
}
