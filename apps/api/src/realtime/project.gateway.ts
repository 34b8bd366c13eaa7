// socket.io: clients authenticate with the session cookie (or an API key / token in `auth.token`), join a
// project room only after the same membership check as HTTP, and receive live counters and import progress.
import { Logger } from '@nestjs/common';
import { OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import fastifyCookie from '@fastify/cookie';
import type { Server, Socket } from 'socket.io';
import { JoinAck, joinProjectSchema, SOCKET_EVENTS } from '@arbiter/contracts';
import {
  API_KEY_PREFIX,
  ArbiterError,
  AuthService,
  Principal,
  ProjectEvents,
  ProjectService,
  ProjectStatsService,
} from '@arbiter/server/application';
import { statusOf } from '../common/error.filter';
import { SESSION_COOKIE } from '../auth/request-context';

const room = (projectId: string) => `project:${projectId}`;
const STATS_DEBOUNCE_MS = 150;

@WebSocketGateway({ serveClient: false })
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
  }

  afterInit(server: Server): void {
    server.use((socket, next) => {
      this.authenticate(socket).then(
        (principal) => {
          if (!principal) return next(new Error('unauthenticated'));
          socket.data.principal = principal;
          next();
        },
        (err) => next(err),
      );
    });
    server.on('connection', (socket: Socket) => {
      socket.on(SOCKET_EVENTS.join, (payload: unknown, ack?: (a: JoinAck) => void) => {
        void this.join(socket, payload).then((a) => typeof ack === 'function' && ack(a));
      });
      socket.on(SOCKET_EVENTS.leave, (payload: unknown) => {
        const parsed = joinProjectSchema.safeParse(payload);
        if (parsed.success) void socket.leave(room(parsed.data.projectId.toLowerCase()));
      });
    });
  }

  private async authenticate(socket: Socket): Promise<Principal | null> {
    const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined;
    const cookies = fastifyCookie.parse(socket.handshake.headers.cookie ?? '');
    const credential = token ?? cookies[SESSION_COOKIE];
    if (!credential) return null;
    return credential.startsWith(API_KEY_PREFIX) ? this.auth.fromApiKey(credential) : this.auth.fromSession(credential);
  }

  private async join(socket: Socket, payload: unknown): Promise<JoinAck> {
    const parsed = joinProjectSchema.safeParse(payload);
    if (!parsed.success) return { ok: false, status: 400, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
    const projectId = parsed.data.projectId.toLowerCase();
    try {
      await this.projects.access(socket.data.principal as Principal, projectId, 'annotator');
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
