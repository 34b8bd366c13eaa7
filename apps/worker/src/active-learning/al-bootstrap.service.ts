// At worker start: load TensorFlow.js on the ML thread and say which backend it runs on (native when
// @tensorflow/tfjs-node loads, else WASM), and register every project's round schedule again (a schedule whose
// write to the queue failed, or that Redis lost, comes back).
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AlSettingsRepository } from '@arbiter/server/data-access';
import { AlProducer } from '@arbiter/server/jobs';
import { MlThread } from './ml/ml-thread';

@Injectable()
export class AlBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('ActiveLearning');

  constructor(
    private readonly settings: AlSettingsRepository,
    private readonly producer: AlProducer,
    private readonly ml: MlThread,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { message } = await this.ml.run<'backend'>({ op: 'backend' });
    this.logger.log(message);
    for (const { projectId, everyMinutes } of await this.settings.scheduled()) {
      await this.producer.schedule(projectId, everyMinutes).catch((err) => this.logger.warn(`schedule of ${projectId} not registered: ${err}`));
    }
  }
}
