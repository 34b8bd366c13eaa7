/// <reference types="jest" />
import { DEFAULT_LABEL_POLICY, type SnapshotView } from '@arbiter/contracts';
import { snapshotEventIsNews, withSnapshot } from './get-snapshots';
import { snapshotListSchema } from './snapshot-schemas';

const PROJECT = '00000000-0000-4000-8000-000000000001';
const view = (version: number, status: SnapshotView['status']): SnapshotView => ({
  projectId: PROJECT,
  version,
  status,
  trigger: 'manual',
  note: null,
  policy: DEFAULT_LABEL_POLICY,
  createdAt: '2026-01-01T10:00:00.000Z',
  completedAt: status === 'complete' ? '2026-01-01T10:01:00.000Z' : null,
  rowCount: status === 'complete' ? 30 : null,
  contentHash: status === 'complete' ? 'a'.repeat(64) : null,
  error: status === 'failed' ? 'worker lost' : null,
});
const event = (version: number, status: SnapshotView['status']) => ({ projectId: PROJECT, version, status, phase: null, done: 0, total: 0 });

describe('snapshot list cache', () => {
  it('puts a new version first and replaces a retried one in place', () => {
    const list = { snapshots: [view(2, 'failed'), view(1, 'complete')] };
    expect(withSnapshot(list, view(3, 'building'))!.snapshots.map((s) => [s.version, s.status])).toEqual([[3, 'building'], [2, 'failed'], [1, 'complete']]);
    expect(withSnapshot(list, view(2, 'building'))!.snapshots.map((s) => [s.version, s.status])).toEqual([[2, 'building'], [1, 'complete']]);
    expect(withSnapshot(undefined, view(1, 'building'))).toBeUndefined();
  }, 5_000);

  it('refetches for a version it lacks or a build’s end, not for each progress report', () => {
    const list = { snapshots: [view(2, 'building'), view(1, 'complete')] };
    expect(snapshotEventIsNews(list, event(2, 'building'))).toBe(false);
    expect(snapshotEventIsNews(list, event(2, 'complete'))).toBe(true);
    expect(snapshotEventIsNews(list, event(2, 'failed'))).toBe(true);
    expect(snapshotEventIsNews(list, event(3, 'building'))).toBe(true);
  }, 5_000);

  it('accepts the list as the server sends it and refuses a status it does not know', () => {
    const list = { snapshots: [view(1, 'complete')] };
    expect(snapshotListSchema.parse(list)).toEqual(list);
    expect(snapshotListSchema.safeParse({ snapshots: [{ ...view(1, 'complete'), status: 'done' }] }).success).toBe(false);
  }, 5_000);
});
