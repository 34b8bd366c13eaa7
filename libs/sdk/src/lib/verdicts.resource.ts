// `client.verdicts`: a production service waits for the reviewer's verdict on a prediction routed to review
// (polling the prediction, the route service keys may read); people list decided reviews.
import type { ListProductionReviewsQuery, PredictionDecision, ProductionReviewPage } from '@arbiter/contracts';
import { ArbiterError, CLIENT_ERROR_CODE } from './arbiter-error';
import { HttpTransport, projectPath, sleep } from './http-transport';
import { PredictionsResource } from './predictions.resource';

export interface PollVerdictOptions {
  intervalMs?: number;
  /** Default: no limit. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export class VerdictsResource {
  private readonly predictions: PredictionsResource;

  constructor(private readonly http: HttpTransport) {
    this.predictions = new PredictionsResource(http);
  }

  /** Reviews with their verdicts (a reviewer's credential; service keys cannot list), `decided` by default. */
  list(projectId: string, query: Partial<ListProductionReviewsQuery> = {}): Promise<ProductionReviewPage> {
    return this.http.json('GET', `${projectPath(projectId)}/production-reviews`, { query: { status: 'decided', ...query } });
  }

  /**
   * Resolves with the decision once nothing more is coming for it: the verdict is in, or the service may act
   * (never routed, or escalated past its deadline to act on the model's label).
   */
  async poll(projectId: string, predictionId: string, o: PollVerdictOptions = {}): Promise<PredictionDecision> {
    const deadline = o.timeoutMs === undefined ? Infinity : Date.now() + o.timeoutMs;
    for (;;) {
      const decision = await this.predictions.get(projectId, predictionId);
      if (decision.verdict !== null || decision.action === 'act') return decision;
      if (o.signal?.aborted) throw o.signal.reason;
      if (Date.now() >= deadline) throw new ArbiterError(`no verdict for prediction ${predictionId} within ${o.timeoutMs} ms`, 0, CLIENT_ERROR_CODE.Timeout);
      await sleep(Math.min(o.intervalMs ?? 2000, Math.max(0, deadline - Date.now())));
    }
  }
}
