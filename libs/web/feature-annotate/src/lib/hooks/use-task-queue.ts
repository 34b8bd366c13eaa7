// The annotator's queue: the item on screen plus one prefetched, so the next item never waits on the network.
// Server calls run one after another (submit, then refill, …) so undo always undoes the latest submission
// and a refill never sees a half-applied state; the screen moves on at once, without waiting for them.
// When gold checks pause the annotator, the queue empties and stays still (no lease renewals) until they reload.
import type { NextTasksResponse, Task, UndoResponse } from '@arbiter/contracts';
import {
  errorView,
  isApiError,
  isRetryable,
  pausedMessage,
  randomId,
  useNextTasks,
  useSkipTask,
  useSubmitAnnotation,
  useUndoAnnotation,
} from '@arbiter/web/data-access';
import { useCallback, useEffect, useRef, useState } from 'react';
import { mergeTasks } from '../task-list';
import { asSentence } from '@arbiter/web/ui';

/** The item on screen plus the next one, ready. */
const HELD_TASKS = 2;

export interface QueueNotice {
  kind: 'info' | 'error';
  text: string;
}

export interface TaskQueue {
  current: Task | null;
  next: Task | null;
  progress: NextTasksResponse['progress'] | null;
  /** Server calls are queued or running. */
  busy: boolean;
  /** The first answer arrived (so an empty queue means "all done", not "loading"). */
  loaded: boolean;
  /** The last refill failed; the queue keeps what it has. */
  loadError: string | null;
  /** The server's explanation when gold checks paused this annotator; the queue is then empty. */
  paused: string | null;
  notice: QueueNotice | null;
  /** Both name the item they act on: a key pressed before the screen caught up must not hit the next item. */
  submit: (itemId: string, labels: number[]) => void;
  skip: (itemId: string) => void;
  undo: () => void;
  reload: () => void;
}

export interface TaskQueueOptions {
  /** Held leases are renewed every half lease, so an annotator reading slowly keeps the item. */
  leaseSeconds?: number;
  onUndone: (undo: UndoResponse) => void;
}

export function useTaskQueue(projectId: string, { leaseSeconds, onUndone }: TaskQueueOptions): TaskQueue {
  const nextTasks = useNextTasks(projectId).mutateAsync;
  const submitAnnotation = useSubmitAnnotation(projectId).mutateAsync;
  const skipTask = useSkipTask(projectId).mutateAsync;
  const undoAnnotation = useUndoAnnotation(projectId).mutateAsync;

  const [tasks, setTasks] = useState<Task[]>([]);
  const [progress, setProgress] = useState<TaskQueue['progress']>(null);
  const [running, setRunning] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [paused, setPaused] = useState<string | null>(null);
  const [notice, setNotice] = useState<QueueNotice | null>(null);

  // The queue as of now (state lags a render behind); every change goes through `updateTasks`.
  const tasksRef = useRef<Task[]>([]);
  const updateTasks = useCallback((f: (cur: Task[]) => Task[]) => {
    tasksRef.current = f(tasksRef.current);
    setTasks(tasksRef.current);
  }, []);
  const chain = useRef(Promise.resolve());
  /** Submitted or skipped here, not yet confirmed: a refill must not bring them back. */
  const inFlight = useRef(new Set<string>());
  /** One idempotency key per item shown, reused when the same submission is retried. */
  const keys = useRef(new Map<string, string>());
  const onUndoneRef = useRef(onUndone);
  useEffect(() => {
    onUndoneRef.current = onUndone;
  });

  const enqueue = useCallback((op: () => Promise<void>) => {
    setRunning((n) => n + 1);
    chain.current = chain.current
      .then(op)
      .catch((err: unknown) => setNotice({ kind: 'error', text: errorView(err).message }))
      .finally(() => setRunning((n) => n - 1));
  }, []);

  const refill = useCallback(async () => {
    try {
      const res = await nextTasks(HELD_TASKS);
      const onScreen = tasksRef.current[0]?.item.id;
      updateTasks((cur) => mergeTasks(cur, res.tasks, inFlight.current));
      if (onScreen && tasksRef.current[0]?.item.id !== onScreen)
        setNotice((n) => n ?? { kind: 'info', text: 'Your lease on that item ran out and someone else took it; here is the next one.' });
      setProgress(res.progress);
      setLoadError(null);
      setPaused(null);
    } catch (err) {
      const pausedBecause = pausedMessage(err);
      if (pausedBecause === null) return setLoadError(errorView(err).message);
      // Held leases stay on the server (they expire, or come back after a resume); nothing is shown meanwhile.
      updateTasks(() => []);
      setLoadError(null);
      setNotice(null);
      setPaused(pausedBecause);
    } finally {
      setLoaded(true);
    }
  }, [nextTasks, updateTasks]);

  // Takes the item on screen off the queue at once; the server call and the refill follow in the chain.
  const takeCurrent = useCallback(
    (id: string): Task | null => {
      const task = tasksRef.current[0];
      if (!task || task.item.id !== id) return null;
      inFlight.current.add(id);
      updateTasks((cur) => cur.slice(1));
      setNotice(null);
      return task;
    },
    [updateTasks],
  );

  const submit = useCallback(
    (itemId: string, labels: number[]) => {
      const task = takeCurrent(itemId);
      if (!task) return;
      const idempotencyKey = keys.current.get(itemId) ?? randomId();
      keys.current.set(itemId, idempotencyKey);
      enqueue(async () => {
        try {
          await submitAnnotation({ itemId, labels, idempotencyKey });
          keys.current.delete(itemId);
        } catch (err) {
          if (isApiError(err, 409)) {
            keys.current.delete(itemId);
            setNotice({ kind: 'info', text: `${asSentence(err.message)} Moved on to the next item.` });
          } else if (isRetryable(err)) {
            // Back on screen with its labels and its key: Enter retries the very same submission.
            updateTasks((cur) => [task, ...cur.filter((t) => t.item.id !== itemId)]);
            setNotice({ kind: 'error', text: `Not saved: ${asSentence(errorView(err).message)} Press Enter to retry.` });
          } else {
            setNotice({ kind: 'error', text: `Not saved: ${asSentence(errorView(err).message)}` });
          }
        } finally {
          inFlight.current.delete(itemId);
        }
      });
      enqueue(refill);
    },
    [enqueue, refill, submitAnnotation, takeCurrent, updateTasks],
  );

  const skip = useCallback(
    (itemId: string) => {
      if (!takeCurrent(itemId)) return;
      enqueue(async () => {
        try {
          await skipTask(itemId);
        } finally {
          inFlight.current.delete(itemId);
        }
      });
      enqueue(refill);
    },
    [enqueue, refill, skipTask, takeCurrent],
  );

  const undo = useCallback(() => {
    setNotice(null);
    enqueue(async () => {
      try {
        const res = await undoAnnotation();
        const itemId = res.task.item.id;
        // The undone annotation keeps its key on the server; a new answer is a new submission.
        keys.current.delete(itemId);
        updateTasks((cur) => [res.task, ...cur.filter((t) => t.item.id !== itemId)]);
        onUndoneRef.current(res);
        setNotice({ kind: 'info', text: 'Undid your last answer; it is back on screen.' });
      } catch (err) {
        if (isApiError(err, 404)) setNotice({ kind: 'info', text: 'Nothing to undo.' });
        // Past the project's undo window, or a reviewer already decided the item: the server says which.
        else if (isApiError(err, 409)) setNotice({ kind: 'info', text: asSentence(err.message) });
        else throw err;
      }
    });
    enqueue(refill);
  }, [enqueue, refill, undoAnnotation, updateTasks]);

  const reload = useCallback(() => enqueue(refill), [enqueue, refill]);

  useEffect(() => {
    reload();
  }, [reload]);

  // Renewing leases is pointless while paused: the server answers 403 until an owner resumes the annotator.
  useEffect(() => {
    if (!leaseSeconds || paused !== null) return;
    const timer = setInterval(reload, Math.max(2, leaseSeconds / 2) * 1000);
    return () => clearInterval(timer);
  }, [leaseSeconds, paused, reload]);

  return {
    current: tasks[0] ?? null,
    next: tasks[1] ?? null,
    progress,
    busy: running > 0,
    loaded,
    loadError,
    paused,
    notice,
    submit,
    skip,
    undo,
    reload,
  };
}
