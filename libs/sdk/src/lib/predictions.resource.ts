// `client.predictions`: production services post predictions and get the routing decision at once.
import type { PredictionBatchResponse, PredictionDecision, PredictionRequest } from '@arbiter/contracts';
import { HttpTransport, projectPath } from './http-transport';

export class PredictionsResource {
  constructor(private readonly http: HttpTransport) {}

  /** Act on the label, or wait for a review; a retry with the same predictionId gets the same decision. */
  create(projectId: string, prediction: PredictionRequest): Promise<PredictionDecision> {
    return this.http.json('POST', `${projectPath(projectId)}/predictions`, { json: prediction });
  }

  /** Up to 5,000 predictions, all decided or none. */
  async createBatch(projectId: string, predictions: PredictionRequest[]): Promise<PredictionDecision[]> {
    return (await this.http.json<PredictionBatchResponse>('POST', `${projectPath(projectId)}/predictions/batch`, { json: { predictions } })).decisions;
  }

  /** The decision, with the reviewer's verdict once there is one. */
  get(projectId: string, predictionId: string): Promise<PredictionDecision> {
    return this.http.json('GET', `${projectPath(projectId)}/predictions/${encodeURIComponent(predictionId)}`);
  }
}
