import { renderToStaticMarkup } from 'react-dom/server';
import { DEFAULT_LABEL_POLICY, type SnapshotView } from '@arbiter/contracts';
import { SnapshotList } from './snapshot-list';

const PROJECT = '00000000-0000-4000-8000-000000000001';
const view = (version: number, status: SnapshotView['status']): SnapshotView => ({
  projectId: PROJECT,
  version,
  status,
  trigger: version === 1 ? 'schedule' : 'manual',
  note: null,
  policy: DEFAULT_LABEL_POLICY,
  createdAt: '2026-12-07T20:00:00.000Z',
  completedAt: status === 'complete' ? '2026-12-07T20:01:00.000Z' : null,
  rowCount: status === 'complete' ? 1234 : null,
  contentHash: status === 'complete' ? `0123456789ab${'f'.repeat(52)}` : null,
  error: status === 'failed' ? 'worker lost' : null,
});
const LIST = [view(3, 'building'), view(2, 'failed'), view(1, 'complete')];
const BUILD = { 3: { projectId: PROJECT, version: 3, status: 'building' as const, phase: 'writing' as const, done: 400, total: 1000 } };

const rowsOf = (html: string) => html.split('data-testid="snapshot-row-').slice(1);

describe('SnapshotList', () => {
  it('shows a building version’s live phase and bar, a failed one’s reason with Retry, a complete one’s rows and short hash', () => {
    const html = renderToStaticMarkup(<SnapshotList snapshots={LIST} builds={BUILD} selected={1} onSelect={() => undefined} onRetry={() => undefined} retrying={null} />);
    const [building, failed, complete] = rowsOf(html);
    expect(building).toContain('Building: writing rows 400 / 1,000');
    expect(building).toContain('aria-valuenow="400"');
    expect(building).toContain('aria-valuemax="1000"');
    expect(failed).toContain('Failed: worker lost');
    expect(failed).toContain('data-testid="snapshot-retry"');
    expect(complete).toContain('1,234');
    expect(complete).toContain('>0123456789ab</code>');
    expect(html).toMatch(/aria-current="true" data-testid="snapshot-row-1"/);
    expect(html.match(/aria-current/g)).toHaveLength(1);
    expect(complete).toContain('<td>schedule</td>');
    expect([building, complete].some((r) => r.includes('snapshot-retry'))).toBe(false);
  }, 5000);

  it('shows readers no Retry, and an engineer’s retry in flight as disabled', () => {
    const reader = renderToStaticMarkup(<SnapshotList snapshots={LIST} builds={{}} selected={null} onSelect={() => undefined} onRetry={null} retrying={null} />);
    expect(reader).not.toContain('snapshot-retry');
    // Before the first progress report the bar is indeterminate.
    expect(rowsOf(reader)[0]).toContain('Building: queued');
    expect(rowsOf(reader)[0]).toContain('is-indeterminate');
    const retrying = renderToStaticMarkup(<SnapshotList snapshots={LIST} builds={{}} selected={null} onSelect={() => undefined} onRetry={() => undefined} retrying={2} />);
    expect(rowsOf(retrying)[1]).toMatch(/<button[^>]*disabled[^>]*data-testid="snapshot-retry"[^>]*>Retrying…/);
  }, 5000);
});
