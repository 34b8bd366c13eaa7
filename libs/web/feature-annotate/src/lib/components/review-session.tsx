// The reviewer's screen, keyboard first like the annotate screen: the same label keys, Enter records the
// decision as gold, j/k or the arrows move between items, and every key is printed on screen. The decided list
// works the same way: select a decided item, press a label key, and Enter revises its gold.
import type { Project } from '@arbiter/contracts';
import { useProjectSocket } from '@arbiter/web/data-access';
import { ACTION_KEYS, AppLink, ErrorMessage, GuidelinesPanel, Kbd, labelHotkeys } from '@arbiter/web/ui';
import { useState } from 'react';
import { useAdjudication } from '../hooks/use-adjudication';
import { useHotkeys } from '../hooks/use-hotkeys';
import { useRevision } from '../hooks/use-revision';
import { reviewKeys, sameLabels } from '../review-queue';
import { toggleLabel } from '../task-list';
import { ActionButton } from './action-button';
import { DecidedList } from './decided-list';
import { ReviewItemPanel } from './review-item-panel';

export interface ReviewSessionProps {
  project: Project;
  projectHref: string;
}

export function ReviewSession({ project, projectHref }: ReviewSessionProps) {
  const { labels, kind } = project.labelSchema;
  const hotkeys = labelHotkeys(labels);
  const keys = reviewKeys(hotkeys);
  const queue = useAdjudication(project.id);
  const decided = useRevision(project.id, labels);
  // Live: a new agreement report refreshes both lists (items join or leave the queue as annotations change).
  const socket = useProjectSocket(project.id);
  const [view, setView] = useState<'open' | 'decided'>('open');
  // Labels picked per item: a decision for an open item, a revision for a decided one.
  const [selections, setSelections] = useState<Record<string, number[]>>({});
  const [showGuidelines, setShowGuidelines] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  const current = view === 'open' ? queue.current : decided.current;
  const decision = decided.current ? (decided.current.decision ?? decided.current.gold ?? []) : [];
  const selected = current ? (selections[current.itemId] ?? (view === 'decided' ? decision : [])) : [];
  const notice = view === 'open' ? queue.notice : decided.notice;

  const pick = (label: number) => {
    if (!current) return;
    setHint(null);
    setSelections((s) => ({ ...s, [current.itemId]: toggleLabel(selected, label, kind) }));
  };
  const decide = () => {
    if (!queue.current) return;
    if (selected.length === 0) return setHint('Pick a label first.');
    setHint(null);
    queue.decide(queue.current.itemId, selected);
  };
  const revise = () => {
    if (!decided.current) return;
    if (selected.length === 0) return setHint('Pick a label first.');
    if (sameLabels(selected, decision)) return setHint('That is the current decision: pick another label to revise it.');
    setHint(null);
    decided.revise(decided.current.itemId, selected);
  };
  const move = (delta: number) => {
    setHint(null);
    if (view === 'open') queue.move(delta);
    else decided.move(delta);
  };
  const toggleView = () => {
    setHint(null);
    setView((v) => (v === 'open' ? 'decided' : 'open'));
  };

  const actions: Record<string, () => void> = {
    [ACTION_KEYS.guidelines]: () => setShowGuidelines((v) => !v),
    [ACTION_KEYS.reload]: view === 'open' ? queue.reload : decided.reload,
    ...(keys.view ? { [keys.view]: toggleView } : {}),
    ...(showGuidelines ? { Escape: () => setShowGuidelines(false) } : {}),
    ...(current ? { [ACTION_KEYS.submit]: view === 'open' ? decide : revise } : {}),
    ...Object.fromEntries([...keys.next.map((k) => [k, () => move(1)]), ...keys.prev.map((k) => [k, () => move(-1)])]),
  };
  useHotkeys((key) => {
    const label = current ? hotkeys.indexOf(key) : -1;
    const action = actions[key] ?? (label >= 0 ? () => pick(label) : undefined);
    action?.();
    return action !== undefined;
  });

  const openCount = `${queue.total ?? '…'} open`;
  return (
    <main className={showGuidelines ? 'annotate review with-guidelines' : 'annotate review'}>
      <header className="annotate__bar">
        <AppLink href={projectHref} className="annotate__back">
          ← {project.name}
        </AppLink>
        <h1 className="review__title">Review</h1>
        <span className="review__count" data-testid="review-open-count">
          {openCount}
        </span>
        <div className="tabs" role="tablist" aria-label="Review queue">
          <button type="button" role="tab" aria-selected={view === 'open'} className="tab" onClick={() => setView('open')} data-testid="tab-open">
            Open
          </button>
          <button type="button" role="tab" aria-selected={view === 'decided'} className="tab" onClick={() => setView('decided')} data-testid="tab-decided">
            Decided{decided.total !== null && ` (${decided.total})`}
          </button>
          {keys.view && <Kbd keyName={keys.view} />}
        </div>
        <span className={socket.live ? 'live is-live' : 'live'} data-testid="live-indicator">
          {socket.live ? 'live' : 'offline'}
        </span>
      </header>

      <section className="annotate__main">
        {view === 'decided' ? (
          decided.current ? (
            <>
              <ReviewItemPanel
                item={decided.current}
                labelSchema={project.labelSchema}
                hotkeys={hotkeys}
                selected={selected}
                positionText={`decided item ${decided.position + 1} of ${decided.total ?? decided.items.length}`}
                onPick={pick}
                mode="revise"
              />
              <DecidedList
                items={decided.items}
                labels={labels}
                selectedId={decided.current.itemId}
                onSelect={(id) => {
                  setHint(null);
                  decided.select(id);
                }}
                more={decided.more}
                loadingMore={decided.loadingMore}
                onLoadMore={decided.loadMore}
              />
            </>
          ) : decided.loadError ? (
            <ErrorMessage message={`Could not load the decided items: ${decided.loadError}`} testId="load-error" />
          ) : decided.loading ? (
            <p className="muted">Loading decided items…</p>
          ) : (
            <p className="empty" data-testid="nothing-decided">
              Nothing decided yet.
            </p>
          )
        ) : queue.current ? (
          <ReviewItemPanel
            item={queue.current}
            labelSchema={project.labelSchema}
            hotkeys={hotkeys}
            selected={selected}
            positionText={`item ${queue.position + 1} of ${openCount}`}
            onPick={pick}
          />
        ) : queue.loadError ? (
          <ErrorMessage message={`Could not load the review queue: ${queue.loadError}`} testId="load-error" />
        ) : queue.loading ? (
          <p className="muted" data-testid="loading">
            Loading the review queue…
          </p>
        ) : (
          <div className="all-done" data-testid="nothing-to-review">
            <h2>Nothing to review</h2>
            <p>No item is waiting for a decision: annotators agree, or the consensus is confident enough.</p>
            <AppLink className="btn" href={projectHref}>
              Back to the project
            </AppLink>
          </div>
        )}

        {(hint || notice) && (
          <p className={notice?.kind === 'error' && !hint ? 'alert alert--error' : 'alert'} role="status" data-testid="notice">
            {hint ?? notice?.text}
          </p>
        )}

        <div className="action-row" role="toolbar" aria-label="Actions">
          {view === 'open' ? (
            <ActionButton label="Decide" keyName={ACTION_KEYS.submit} onClick={decide} disabled={!current} primary testId="decide" />
          ) : (
            <ActionButton
              label={decided.saving ? 'Revising…' : 'Revise'}
              keyName={ACTION_KEYS.submit}
              onClick={revise}
              disabled={!current}
              primary
              testId="revise"
            />
          )}
          {keys.prev[0] && <ActionButton label="Previous" keyName={keys.prev[0]} onClick={() => move(-1)} disabled={!current} testId="prev" />}
          {keys.next[0] && <ActionButton label="Next" keyName={keys.next[0]} onClick={() => move(1)} disabled={!current} testId="next" />}
          {keys.view && (
            <ActionButton label={view === 'open' ? 'Decided items' : 'Open items'} keyName={keys.view} onClick={toggleView} testId="toggle-view" />
          )}
          <ActionButton
            label={showGuidelines ? 'Hide guidelines' : 'Guidelines'}
            keyName={ACTION_KEYS.guidelines}
            onClick={() => setShowGuidelines((v) => !v)}
            testId="toggle-guidelines"
          />
          <ActionButton label="Reload" keyName={ACTION_KEYS.reload} onClick={view === 'open' ? queue.reload : decided.reload} testId="reload" />
          <span className="muted next-status" data-testid="more-keys">
            {keys.next.slice(1).map((k) => (
              <Kbd key={k} keyName={k} />
            ))}{' '}
            next · {keys.prev.slice(1).map((k) => (
              <Kbd key={k} keyName={k} />
            ))}{' '}
            previous
          </span>
        </div>
      </section>

      {showGuidelines && <GuidelinesPanel text={project.guidelines} />}
    </main>
  );
}
