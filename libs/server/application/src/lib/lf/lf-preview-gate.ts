// How much LF evaluation one project may ask of an api process at once: at most `concurrencyPerProject`
// previews and code-LF checks in flight per project (the next is refused with LF_BUSY and a Retry-After,
// rather than queued where it would hold a request open), each preview within a time budget. Together with
// the sandbox pool's turns between projects, one project's slow LFs cannot stall the others' previews.
import { InFlightLimit } from '../common/in-flight-limit';
import { ArbiterError, ErrorCode } from '../errors/arbiter.error';

export const LF_PREVIEW_OPTIONS = Symbol('LF_PREVIEW_OPTIONS');
export interface LfPreviewOptions {
  /** Milliseconds a preview may spend; past it the preview answers for the items it evaluated. */
  budgetMs: number;
  /** Previews and code-LF checks one project may have in flight in one api process. */
  concurrencyPerProject: number;
}
export const DEFAULT_LF_PREVIEW_OPTIONS: LfPreviewOptions = { budgetMs: 5000, concurrencyPerProject: 2 };

export class LfPreviewGate {
  private readonly slots: InFlightLimit;

  constructor(private readonly options: LfPreviewOptions) {
    this.slots = new InFlightLimit(options.concurrencyPerProject);
  }

  /** Runs `work` in one of the project's slots, or throws LF_BUSY when they are all taken. */
  run<T>(projectId: string, work: () => Promise<T>): Promise<T> {
    return this.slots.run(projectId, work, (limit) => {
      // A slot frees within about one budget: every preview ends by then.
      const retryAfterSeconds = Math.max(1, Math.ceil(this.options.budgetMs / 1000));
      throw new ArbiterError(
        ErrorCode.LfBusy,
        `this project already has ${limit} labeling-function preview${limit === 1 ? '' : 's'} or checks running; try again in ${retryAfterSeconds} s`,
        undefined,
        { retryAfterSeconds },
      ).retryAfter(retryAfterSeconds);
    });
  }
}
