// Live project events over socket.io: joins the project's room (the server checks membership) and keeps
// the latest stats and import progress. Stats also go into the query cache so every view of them is live, and
// refresh the owner's annotator table (labels given, gold-check accuracy); a new agreement report invalidates the
// report and the review queues (the worker rebuilds both together). LF runs report their progress into the LF list's
// cached `run`; a finished run or a `project:lfs` event refetches the list (stats, label model, pending flags).
// Active-learning rounds are folded into the cached round list; a finished round refetches the learning curve and
// the model versions it added. Replay progress replaces the cached replay. Opened production reviews are counted,
// for the production review screen to claim again. Snapshot builds report their phase and rows done per version; an
// event the cached list does not show yet (a new version, a build's end) refetches it.
import {
  accessEventSchema,
  agreementEventSchema,
  alRoundEventSchema,
  importProgressEventSchema,
  joinAckSchema,
  lfRunEventSchema,
  lfsEventSchema,
  productionReviewsEventSchema,
  replayEventSchema,
  snapshotEventSchema,
  SOCKET_EVENTS,
  statsEventSchema,
  type ImportProgressEvent,
  type LfListResponse,
  type ProjectStats,
  type Replay,
  type SnapshotEvent,
  type SnapshotList,
} from '@arbiter/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { io } from 'socket.io-client';
import { withAlRound, type AlRoundsResponse } from '../api/get-al-rounds';
import { withLfRun } from '../api/get-lfs';
import { laterReplay } from '../api/get-replay';
import { snapshotEventIsNews } from '../api/get-snapshots';
import { queryKeys } from '../query-keys';

export interface ProjectSocketState {
  /** Joined the project's room: live events are flowing. */
  live: boolean;
  error: string | null;
  stats: ProjectStats | null;
  importProgress: ImportProgressEvent | null;
  /** When the latest agreement report announced on the socket was computed. */
  agreementAt: string | null;
  /** Production reviews opened since this page joined (a change means: claim again). */
  reviewsOpened: number;
  /** The latest progress of each snapshot build seen since this page joined, by version. */
  snapshotBuilds: Record<number, SnapshotEvent>;
}

const INITIAL: ProjectSocketState = { live: false, error: null, stats: null, importProgress: null, agreementAt: null, reviewsOpened: 0, snapshotBuilds: {} };
const JOIN_TIMEOUT_MS = 10_000;

export function useProjectSocket(projectId: string): ProjectSocketState {
  const qc = useQueryClient();
  const [state, setState] = useState<ProjectSocketState>(INITIAL);

  useEffect(() => {
    setState(INITIAL);
    const socket = io({ withCredentials: true });
    const patch = (p: Partial<ProjectSocketState>) => setState((s) => ({ ...s, ...p }));
    const refreshAgreement = () => {
      void qc.invalidateQueries({ queryKey: queryKeys.agreement(projectId) });
      void qc.invalidateQueries({ queryKey: queryKeys.review(projectId) });
    };
    const refreshLfs = () => void qc.invalidateQueries({ queryKey: queryKeys.lfs(projectId) });

    // socket.io forgets rooms on reconnect, so join on every connect, then catch up on what was missed.
    const join = () => {
      socket.timeout(JOIN_TIMEOUT_MS).emit(SOCKET_EVENTS.join, { projectId }, (err: Error | null, raw: unknown) => {
        const ack = joinAckSchema.safeParse(raw);
        if (err || !ack.success) return patch({ live: false, error: 'No answer when joining live updates' });
        if (!ack.data.ok) return patch({ live: false, error: ack.data.message });
        patch({ live: true, error: null });
        void qc.invalidateQueries({ queryKey: queryKeys.stats(projectId) });
        void qc.invalidateQueries({ queryKey: queryKeys.annotators(projectId) });
        refreshAgreement();
        refreshLfs();
        void qc.invalidateQueries({ queryKey: queryKeys.activeLearning(projectId) });
        void qc.invalidateQueries({ queryKey: queryKeys.snapshotList(projectId) });
      });
    };
    socket.on('connect', join);
    // The server took us out of the room: removed from the project, or given another role (join again under it).
    socket.on(SOCKET_EVENTS.access, (raw: unknown) => {
      const ev = accessEventSchema.safeParse(raw);
      if (!ev.success || ev.data.projectId !== projectId) return;
      void qc.invalidateQueries({ queryKey: queryKeys.project(projectId) });
      if (ev.data.role === null) patch({ live: false, error: 'You are no longer a member of this project' });
      else join();
    });
    socket.on('disconnect', () => patch({ live: false }));
    socket.on('connect_error', (err) => patch({ live: false, error: err.message }));
    socket.on(SOCKET_EVENTS.stats, (raw: unknown) => {
      const ev = statsEventSchema.safeParse(raw);
      if (!ev.success || ev.data.projectId !== projectId) return;
      qc.setQueryData(queryKeys.stats(projectId), ev.data.stats);
      // Only an owner's page has this query mounted; invalidating an unused key fetches nothing.
      void qc.invalidateQueries({ queryKey: queryKeys.annotators(projectId) });
      patch({ stats: ev.data.stats });
    });
    socket.on(SOCKET_EVENTS.importProgress, (raw: unknown) => {
      const ev = importProgressEventSchema.safeParse(raw);
      if (ev.success && ev.data.projectId === projectId) patch({ importProgress: ev.data });
    });
    socket.on(SOCKET_EVENTS.agreement, (raw: unknown) => {
      const ev = agreementEventSchema.safeParse(raw);
      if (!ev.success || ev.data.projectId !== projectId) return;
      refreshAgreement();
      patch({ agreementAt: ev.data.computedAt });
    });
    socket.on(SOCKET_EVENTS.lfRun, (raw: unknown) => {
      const ev = lfRunEventSchema.safeParse(raw);
      if (!ev.success || ev.data.projectId !== projectId) return;
      const { run } = ev.data;
      // Only the LF screen has this query; without it there is nothing to update.
      qc.setQueryData(queryKeys.lfs(projectId), (old: LfListResponse | undefined) => withLfRun(old, run));
      if (run.status !== 'running') refreshLfs();
    });
    socket.on(SOCKET_EVENTS.lfs, (raw: unknown) => {
      const ev = lfsEventSchema.safeParse(raw);
      if (ev.success && ev.data.projectId === projectId) refreshLfs();
    });
    socket.on(SOCKET_EVENTS.alRound, (raw: unknown) => {
      const ev = alRoundEventSchema.safeParse(raw);
      if (!ev.success || ev.data.projectId !== projectId) return;
      const { round } = ev.data;
      // Only the active-learning screen has the list; without it there is nothing to update.
      qc.setQueryData(queryKeys.alRounds(projectId), (old: AlRoundsResponse | undefined) => withAlRound(old, round));
      if (round.status === 'done') {
        void qc.invalidateQueries({ queryKey: queryKeys.alCurve(projectId) });
        void qc.invalidateQueries({ queryKey: queryKeys.models(projectId) });
        // The round's training gave newly labeled items their splits: the settings show the test split's size.
        void qc.invalidateQueries({ queryKey: queryKeys.alSettings(projectId) });
      }
    });
    socket.on(SOCKET_EVENTS.productionReviews, (raw: unknown) => {
      const ev = productionReviewsEventSchema.safeParse(raw);
      if (ev.success && ev.data.projectId === projectId) setState((s) => ({ ...s, reviewsOpened: s.reviewsOpened + ev.data.opened }));
    });
    socket.on(SOCKET_EVENTS.replay, (raw: unknown) => {
      const ev = replayEventSchema.safeParse(raw);
      if (!ev.success || ev.data.projectId !== projectId) return;
      const { replay } = ev.data;
      qc.setQueryData(queryKeys.alReplay(projectId, replay.id), (old: Replay | undefined) => laterReplay(old, replay));
    });
    socket.on(SOCKET_EVENTS.snapshot, (raw: unknown) => {
      const ev = snapshotEventSchema.safeParse(raw);
      if (!ev.success || ev.data.projectId !== projectId) return;
      const build = ev.data;
      setState((s) => ({ ...s, snapshotBuilds: { ...s.snapshotBuilds, [build.version]: build } }));
      // Only the snapshots screen has the list; without it there is nothing to refetch.
      if (snapshotEventIsNews(qc.getQueryData<SnapshotList>(queryKeys.snapshotList(projectId)), build)) {
        void qc.invalidateQueries({ queryKey: queryKeys.snapshotList(projectId) });
      }
      // A complete build assigned splits to the items newly labeled: the split settings count them.
      if (build.status === 'complete') void qc.invalidateQueries({ queryKey: queryKeys.splitSettings(projectId) });
    });
    return () => {
      socket.disconnect();
    };
  }, [projectId, qc]);

  return state;
}
