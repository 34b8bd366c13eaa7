import { errorView, useSnapshotDiff } from '@arbiter/web/data-access';
import { ErrorMessage } from '@arbiter/web/ui';
import type { ReactNode } from 'react';
import { capped } from './diff-lists';
import { SOURCE_WORDS } from './snapshot-words';

export interface DiffSectionProps {
  projectId: string;
  /** Complete versions, newest first: the ones a diff can compare. */
  versions: number[];
  from: number;
  to: number;
  onChange: (pair: { from: number; to: number }) => void;
}

/** Two complete versions compared: how many items were added, removed, relabeled or re-sourced, and which (capped). */
export function DiffSection({ projectId, versions, from, to, onChange }: DiffSectionProps) {
  const diff = useSnapshotDiff(projectId, from, to);
  const picker = (value: number, set: (v: number) => void, testId: string, label: string) => (
    <label className="field field--inline">
      {label}
      <select value={value} onChange={(e) => set(Number(e.target.value))} data-testid={testId}>
        {versions.map((v) => (
          <option key={v} value={v}>
            v{v}
          </option>
        ))}
      </select>
    </label>
  );
  const d = diff.data;
  return (
    <div className="snapshot-diff" data-testid="snapshot-diff">
      <div className="form--inline">
        {picker(from, (v) => onChange({ from: v, to }), 'diff-from', 'From')}
        {picker(to, (v) => onChange({ from, to: v }), 'diff-to', 'to')}
      </div>
      {diff.isPending && <p className="muted">Comparing…</p>}
      {diff.isError && <ErrorMessage {...errorView(diff.error)} testId="diff-error" />}
      {d && (
        <>
          <p data-testid="diff-summary">
            From v{d.from} to v{d.to}: <span data-testid="diff-added">{d.added.length} added</span>, <span data-testid="diff-removed">{d.removed.length} removed</span>,{' '}
            <span data-testid="diff-relabeled">{d.relabeled.length} relabeled</span>, <span data-testid="diff-source-changed">{d.sourceChanged.length} with a new source</span>.
          </p>
          <DiffList title="Added" items={d.added} render={(id) => <code>{id}</code>} testId="diff-added-list" />
          <DiffList title="Removed" items={d.removed} render={(id) => <code>{id}</code>} testId="diff-removed-list" />
          <DiffList
            title="Relabeled"
            items={d.relabeled}
            render={(r) => (
              <>
                <code>{r.itemId}</code>: {r.from} ({SOURCE_WORDS[r.fromSource]}) → {r.to} ({SOURCE_WORDS[r.toSource]})
              </>
            )}
            testId="diff-relabeled-list"
          />
          <DiffList
            title="Same label, new source"
            items={d.sourceChanged}
            render={(r) => (
              <>
                <code>{r.itemId}</code>: {r.label}, {SOURCE_WORDS[r.fromSource]} → {SOURCE_WORDS[r.toSource]}
              </>
            )}
            testId="diff-source-list"
          />
        </>
      )}
    </div>
  );
}

function DiffList<T>({ title, items, render, testId }: { title: string; items: T[]; render: (item: T) => ReactNode; testId: string }) {
  const { shown, more } = capped(items);
  if (items.length === 0) return null;
  return (
    <details className="snapshot-diff__list" open={more === 0} data-testid={testId}>
      <summary>
        {title} ({items.length})
      </summary>
      <ul className="plain-list">
        {shown.map((item, i) => (
          <li key={i}>{render(item)}</li>
        ))}
      </ul>
      {more > 0 && <p className="muted" data-testid={`${testId}-more`}>and {more} more</p>}
    </details>
  );
}
