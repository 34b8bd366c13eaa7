// In-process notifications from services to whoever pushes them to clients (the socket gateway).
import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';
import type { ImportProgressEvent, ProductionReviewsEvent, Role } from '@arbiter/contracts';

/**
 * Access that ended or changed, for open sockets to follow at once: a session ended (logout, or every session of a
 * user but one after a password change, or all of them when the user is disabled), keys revoked, or a member
 * removed (`role: null`) or given another role.
 */
export type AccessChange =
  | { kind: 'sessions'; sessionHashes: string[] }
  | { kind: 'user'; userId: string }
  | { kind: 'keys'; keyIds: string[] }
  | { kind: 'member'; projectId: string; userId: string; role: Role | null };

@Injectable()
export class ProjectEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(100);

  countersChanged(projectId: string): void {
    this.emitter.emit('counters', projectId);
  }

  importProgress(e: ImportProgressEvent): void {
    this.emitter.emit('import', e);
  }

  accessChanged(e: AccessChange): void {
    this.emitter.emit('access', e);
  }

  /** Production predictions opened reviews (counted, never their content). */
  productionReviewsOpened(e: ProductionReviewsEvent): void {
    this.emitter.emit('production-reviews', e);
  }

  onProductionReviewsOpened(fn: (e: ProductionReviewsEvent) => void): void {
    this.emitter.on('production-reviews', fn);
  }

  onCountersChanged(fn: (projectId: string) => void): void {
    this.emitter.on('counters', fn);
  }

  onImportProgress(fn: (e: ImportProgressEvent) => void): void {
    this.emitter.on('import', fn);
  }

  onAccessChanged(fn: (e: AccessChange) => void): void {
    this.emitter.on('access', fn);
  }
}
