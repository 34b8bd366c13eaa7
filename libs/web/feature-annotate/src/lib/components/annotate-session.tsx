// The annotator's screen, keyboard first: every action has a key, and every key is printed on screen.
import type { Project, UndoResponse } from '@arbiter/contracts';
import { ACTION_KEYS, AppLink, ErrorMessage, GuidelinesPanel, Kbd, LabelButton, labelHotkeys, ProgressBar } from '@arbiter/web/ui';
import { useCallback, useEffect, useState } from 'react';
import { useHotkeys } from '../hooks/use-hotkeys';
import { useTaskQueue } from '../hooks/use-task-queue';
import { suggestionSource } from '../provenance';
import { toggleLabel, topSuggestion } from '../task-list';
import { ActionButton } from './action-button';
import { ItemView } from './item-view';
import { PausedPanel } from './paused-panel';

export interface AnnotateSessionProps {
  project: Project;
  projectHref: string;
}

export function AnnotateSession({ project, projectHref }: AnnotateSessionProps) {
  const { labels, kind } = project.labelSchema;
  const hotkeys = labelHotkeys(labels);
  // Selections are kept per item, so an item that comes back (failed save, undo) shows its labels again.
  const [selections, setSelections] = useState<Record<string, number[]>>({});
  const [showGuidelines, setShowGuidelines] = useState(false);
  const [hint, setHint] = useState<string | null>(null);
  const onUndone = useCallback(
    (r: UndoResponse) => setSelections((s) => ({ ...s, [r.task.item.id]: r.undone.labels })),
    [],
  );
  const queue = useTaskQueue(project.id, { leaseSeconds: project.leaseSeconds, onUndone });
  const { current, next, progress } = queue;
  const selected = current ? (selections[current.item.id] ?? []) : [];
  const suggestion = topSuggestion(current?.item.suggestion ?? null);

  // Warm the browser cache for the prefetched item's image too.
  const nextImage = next?.item.imageUrl;
  useEffect(() => {
    if (nextImage && /^https?:\/\//i.test(nextImage)) new Image().src = nextImage;
  }, [nextImage]);

  const pick = (label: number) => {
    if (!current) return;
    setHint(null);
    setSelections((s) => ({ ...s, [current.item.id]: toggleLabel(s[current.item.id] ?? [], label, kind) }));
  };
  const submit = () => {
    if (!current) return;
    if (selected.length === 0) return setHint('Pick a label first.');
    setHint(null);
    queue.submit(current.item.id, selected);
  };
  const skip = () => {
    setHint(null);
    if (current) queue.skip(current.item.id);
  };

  const actions: Record<string, () => void> = {
    [ACTION_KEYS.guidelines]: () => setShowGuidelines((v) => !v),
    [ACTION_KEYS.reload]: queue.reload,
    // Paused, nothing is held: only the guidelines and reload ("am I resumed?") keys do anything.
    ...(queue.paused === null ? { [ACTION_KEYS.undo]: queue.undo } : {}),
    ...(showGuidelines ? { Escape: () => setShowGuidelines(false) } : {}),
    ...(current ? { [ACTION_KEYS.submit]: submit, [ACTION_KEYS.skip]: skip } : {}),
  };
  useHotkeys((key) => {
    const label = current ? hotkeys.indexOf(key) : -1;
    const action = actions[key] ?? (label >= 0 ? () => pick(label) : undefined);
    action?.();
    return action !== undefined;
  });

  const total = progress ? progress.done + progress.remaining : null;
  return (
    <main className={showGuidelines ? 'annotate with-guidelines' : 'annotate'}>
      <header className="annotate__bar">
        <AppLink href={projectHref} className="annotate__back">
          ← {project.name}
        </AppLink>
        <ProgressBar
          value={progress?.done ?? 0}
          max={total}
          label={progress ? `${progress.done} of ${total} labeled` : 'Loading…'}
          testId="annotate-progress"
        />
      </header>

      <section className="annotate__main">
        {current ? (
          <>
            <ItemView item={current.item} />
            <div className="label-row" role="group" aria-label="Labels">
              {labels.map((l, id) => (
                <LabelButton
                  key={id}
                  name={l.name}
                  hotkey={hotkeys[id]}
                  description={l.description}
                  selected={selected.includes(id)}
                  suggestedProbability={suggestion?.label === id ? suggestion.probability : null}
                  suggestionSource={suggestionSource(current.item)}
                  onToggle={() => pick(id)}
                />
              ))}
            </div>
            <p className="muted annotate__mode">
              {kind === 'single' ? 'Pick one label' : 'Pick every label that applies'}, then press <Kbd keyName="Enter" />.
            </p>
          </>
        ) : queue.paused !== null ? (
          <PausedPanel message={queue.paused} projectHref={projectHref} />
        ) : queue.loadError ? (
          <ErrorMessage message={`Could not load the next item: ${queue.loadError}`} testId="load-error" />
        ) : !queue.loaded || queue.busy ? (
          <p className="muted" data-testid="loading">
            Loading the next item…
          </p>
        ) : (
          <div className="all-done" data-testid="all-done">
            <h2>All done</h2>
            <p>There is nothing left for you to label in this project right now.</p>
            <AppLink className="btn" href={projectHref}>
              Back to the project
            </AppLink>
          </div>
        )}

        {(hint || queue.notice) && (
          <p
            className={queue.notice?.kind === 'error' ? 'alert alert--error' : 'alert'}
            role="status"
            data-testid="notice"
          >
            {hint ?? queue.notice?.text}
          </p>
        )}

        <div className="action-row" role="toolbar" aria-label="Actions">
          {queue.paused === null && (
            <>
              <ActionButton label="Submit" keyName={ACTION_KEYS.submit} onClick={submit} disabled={!current} primary testId="submit" />
              <ActionButton label="Skip" keyName={ACTION_KEYS.skip} onClick={skip} disabled={!current} testId="skip" />
              <ActionButton label="Undo" keyName={ACTION_KEYS.undo} onClick={queue.undo} testId="undo" />
            </>
          )}
          <ActionButton
            label={showGuidelines ? 'Hide guidelines' : 'Guidelines'}
            keyName={ACTION_KEYS.guidelines}
            onClick={() => setShowGuidelines((v) => !v)}
            testId="toggle-guidelines"
          />
          <ActionButton
            label={queue.paused === null ? 'Reload' : 'Check again'}
            keyName={ACTION_KEYS.reload}
            onClick={queue.reload}
            testId="reload"
          />
          <span className="muted next-status" data-testid="next-status">
            {queue.loadError ? 'server unreachable, press r to retry' : next ? 'next item ready' : queue.busy ? 'fetching next…' : ''}
          </span>
        </div>
      </section>

      {showGuidelines && <GuidelinesPanel text={project.guidelines} />}
    </main>
  );
}
