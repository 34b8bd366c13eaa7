// socket.io: clients authenticate with the session cookie (or an API key / token in `auth.token`), join a
// project room only after the same membership check as HTTP, and receive live counters and import progress.
// Each socket also sits in rooms of its user, session or key, so ended access closes it at once on every api
// instance (logout, a new password, a disabled account, a revoked key), and a member removed or given another role
// leaves the project's room (told with `project:access`; the client joins again under its new role).
import { Logger } from '@nestjs/common';
import { OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import fastifyCookie from '@fastify/cookie';
import type { Server, Socket } from 'socket.io';
import { JoinAck, joinProjectSchema, SOCKET_CLIENT_EVENTS, SOCKET_EVENTS, type SocketClientEvent } from '@arbiter/contracts';
import {
  AccessChange,
  API_KEY_PREFIX,
  ArbiterError,
  AuthService,
  hashToken,
  Principal,
  ProjectEvents,
  ProjectService,
  ProjectStatsService,
} from '@arbiter/server/application';
import { loadConfig } from '@arbiter/server/config';
import { statusOf } from '../common/error.filter';
import { SESSION_COOKIE } from '../auth/request-context';
import { isCrossOrigin, originHeaders } from '../http/same-origin';

const room = (projectId: string) => `project:${projectId}`;
const userRoom = (userId: string) => `user:${userId}`;
const sessionRoom = (hashHex: string) => `session:${hashHex}`;
const keyRoom = (keyId: string) => `key:${keyId}`;
const STATS_DEBOUNCE_MS = 150;

// A page of another origin may not open a socket with our cookie (cross-site WebSocket hijacking).
const { TRUST_PROXY, TRUSTED_ORIGINS } = loadConfig();
function allowRequest(req: { headers: Record<string, string | string[] | undefined> }, done: (err: string | null, ok: boolean) => void): void {
  const cross = isCrossOrigin(originHeaders(req.headers, TRUST_PROXY), TRUSTED_ORIGINS);
  done(cross ? 'cross-origin socket refused' : null, !cross);
}

@WebSocketGateway({ serveClient: false, allowRequest })
export class ProjectGateway implements OnGatewayInit {
  @WebSocketServer() server!: Server;
  private readonly logger = new Logger('ProjectGateway');
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly auth: AuthService,
    private readonly projects: ProjectService,
    private readonly stats: ProjectStatsService,
    events: ProjectEvents,
  ) {
    events.onCountersChanged((projectId) => this.scheduleStats(projectId));
    events.onImportProgress((e) => this.server?.to(room(e.projectId)).emit(SOCKET_EVENTS.importProgress, e));
    events.onProductionReviewsOpened((e) => this.server?.to(room(e.projectId)).emit(SOCKET_EVENTS.productionReviews, e));
    events.onAccessChanged((e) => this.followAccess(e));
  }

  private followAccess(e: AccessChange): void {
    if (!this.server) return;
    switch (e.kind) {
      case 'sessions':
        for (const h of e.sessionHashes) this.server.in(sessionRoom(h)).disconnectSockets(true);
        return;
      case 'user':
        this.server.in(userRoom(e.userId)).disconnectSockets(true);
        return;
      case 'keys':
        for (const id of e.keyIds) this.server.in(keyRoom(id)).disconnectSockets(true);
        return;
      case 'member':
        this.server.in(userRoom(e.userId)).socketsLeave(room(e.projectId));
        this.server.to(userRoom(e.userId)).emit(SOCKET_EVENTS.access, { projectId: e.projectId, role: e.role });
        return;
    }
  }

  afterInit(server: Server): void {
    server.use((socket, next) => {
      this.authenticate(socket).then(
        (auth) => {
          if (!auth) return next(new Error('unauthenticated'));
          socket.data.principal = auth.principal;
          socket.data.rooms = auth.rooms;
          next();
        },
        (err) => next(err),
      );
    });
    server.on('connection', (socket: Socket) => {
      void socket.join(socket.data.rooms as string[]);
      // Exactly the declared client events (SOCKET_CLIENT_EVENTS), each answering with an ack when asked for one.
      const handlers: Record<SocketClientEvent, (payload: unknown) => Promise<JoinAck>> = {
        [SOCKET_EVENTS.join]: (payload) => this.join(socket, payload),
        [SOCKET_EVENTS.leave]: (payload) => this.leave(socket, payload),
      };
      for (const [event, handle] of Object.entries(handlers)) {
        socket.on(event, (payload: unknown, ack?: (a: JoinAck) => void) => {
          void handle(payload).then((a) => typeof ack === 'function' && ack(a));
        });
      }
    });
  }

  private async leave(socket: Socket, payload: unknown): Promise<JoinAck> {
    const parsed = joinProjectSchema.safeParse(payload);
    if (!parsed.success) return { ok: false, status: 400, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
    // As on signed-in HTTP routes: a service key has no business with sockets, and is told so the same way.
    const principal = socket.data.principal as Principal;
    if (principal.kind === 'apiKey' && principal.role === 'service') return { ok: false, status: 403, message: 'a service key may only post predictions and read their decisions and verdicts' };
    await socket.leave(room(parsed.data.projectId.toLowerCase()));
    return { ok: true };
  }

  private async authenticate(socket: Socket): Promise<{ principal: Principal; rooms: string[] } | null> {
    const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
    const cookies = fastifyCookie.parse(socket.handshake.headers.cookie ?? '');
    const credential = token ?? cookies[SESSION_COOKIE];
    if (!credential) return null;
    const principal = credential.startsWith(API_KEY_PREFIX) ? await this.auth.fromApiKey(credential) : await this.auth.fromSession(credential);
    if (!principal) return null;
    const rooms =
      principal.kind === 'user' ? [userRoom(principal.userId), sessionRoom(hashToken(credential).toString('hex'))] : [keyRoom(principal.keyId)];
    return { principal, rooms };
  }

  private async join(socket: Socket, payload: unknown): Promise<JoinAck> {
    const parsed = joinProjectSchema.safeParse(payload);
    if (!parsed.success) return { ok: false, status: 400, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
    const projectId = parsed.data.projectId.toLowerCase();
    try {
      await this.projects.access(socket.data.principal as Principal, projectId, SOCKET_CLIENT_EVENTS[SOCKET_EVENTS.join].role);
    } catch (err) {
      if (err instanceof ArbiterError) return { ok: false, status: statusOf(err.code), message: err.message };
      this.logger.error(err);
      return { ok: false, status: 500, message: 'internal error' };
    }
    await socket.join(room(projectId));
    socket.emit(SOCKET_EVENTS.stats, { projectId, stats: await this.stats.stats(projectId) });
    return { ok: true };
  }

  /** Emits an event to everyone who joined the project's room. */
  toProject(projectId: string, event: string, payload: unknown): void {
    this.server?.to(room(projectId)).emit(event, payload);
  }

  private scheduleStats(projectId: string): void {
    if (this.pending.has(projectId)) return;
    this.pending.set(
      projectId,
      setTimeout(() => {
        this.pending.delete(projectId);
        this.stats.stats(projectId).then(
          (stats) => this.server.to(room(projectId)).emit(SOCKET_EVENTS.stats, { projectId, stats }),
          (err) => this.logger.warn(`stats for ${projectId}: ${err}`),
        );
      }, STATS_DEBOUNCE_MS),
    );
  }
}
