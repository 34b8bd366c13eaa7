// The typed client: `new ArbiterClient({ url, token })`, one property per part of the public api.
import type { LoginResponse, MeResponse } from '@arbiter/contracts';
import { ArbiterClientOptions, HttpTransport } from './http-transport';
import { ItemsResource } from './items.resource';
import { PredictionsResource } from './predictions.resource';
import { SnapshotsResource } from './snapshots.resource';
import { VerdictsResource } from './verdicts.resource';

export class ArbiterClient {
  readonly snapshots: SnapshotsResource;
  readonly items: ItemsResource;
  readonly predictions: PredictionsResource;
  readonly verdicts: VerdictsResource;
  private readonly http: HttpTransport;

  constructor(options: ArbiterClientOptions) {
    this.http = new HttpTransport(options);
    this.snapshots = new SnapshotsResource(this.http);
    this.items = new ItemsResource(this.http);
    this.predictions = new PredictionsResource(this.http);
    this.verdicts = new VerdictsResource(this.http);
  }

  /** Signs in with an email and password; the answer's `token` is a session token for `new ArbiterClient`. */
  static login(o: { url: string; email: string; password: string; fetch?: typeof fetch }): Promise<LoginResponse> {
    return new HttpTransport({ url: o.url, token: '', fetch: o.fetch }).json('POST', '/auth/login', { json: { email: o.email, password: o.password } });
  }

  /** Who the credential belongs to (checks a token). */
  me(): Promise<MeResponse> {
    return this.http.json('GET', '/auth/me');
  }
}
