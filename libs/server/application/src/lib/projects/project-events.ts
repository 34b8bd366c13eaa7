// In-process notifications from services to whoever pushes them to clients (the socket gateway).
import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';
import type { ImportProgressEvent } from '@arbiter/contracts';

@Injectable()
export class ProjectEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(100);

  countersChanged(projectId: string): void {
    this.emitter.emit('counters', projectId);
  }

  importProgress(e: ImportProgressEvent): void {
    this.emitter.emit('import', e);
  }

  onCountersChanged(fn: (projectId: string) => void): void {
    this.emitter.on('counters', fn);
  }

  onImportProgress(fn: (e: ImportProgressEvent) => void): void {
    this.emitter.on('import', fn);
  }
}
