// At worker start: load TensorFlow.js once and say which backend it runs on (native when @tensorflow/tfjs-node
// loads, else WASM), and register every project's round schedule again (a schedule whose write to the queue
// failed, or that Redis lost, comes back).
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { selectBackend } from '@arbiter/ml/classifier';
import { AlSettingsRepository } from '@arbiter/server/data-access';
import { AlProducer } from '@arbiter/server/jobs';

@Injectable()
export class AlBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('ActiveLearning');

  constructor(
    private readonly settings: AlSettingsRepository,
    private readonly producer: AlProducer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await selectBackend({ log: (message) => this.logger.log(message) });
    for (const { projectId, everyMinutes } of await this.settings.scheduled()) {
      await this.producer.schedule(projectId, everyMinutes).catch((err) => this.logger.warn(`schedule of ${projectId} not registered: ${err}`));
    }
  }
}
