// The replay's simulation: libs/ml's `simulate` (the real model and sampling strategies), reached only from the
// worker so that the api, which shares the application library, never loads TensorFlow.js.
import { Injectable } from '@nestjs/common';
import { simulate } from '@arbiter/ml/active-learning';
import type { ReplaySimulation, ReplaySimulator } from '@arbiter/server/application';

@Injectable()
export class MlReplaySimulator implements ReplaySimulator {
  simulate(input: ReplaySimulation) {
    return simulate(input);
  }
}
