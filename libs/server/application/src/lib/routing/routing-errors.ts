// Routing errors from libs/domain/routing as 400s naming the field. Paths are dotted as in every validation answer
// (`predictions.12.probs.2`, `costMatrix.1.0`), under the prefix of the request part that held the value.
import { RoutingError } from '@arbiter/domain/routing';
import { ArbiterError, ErrorCode } from '../errors/arbiter.error';

export function dotted(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1');
}

/** Runs fn, turning a RoutingError into a 400 whose path is `prefix` + the error's path. */
export function asBadRequest<T>(prefix: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof RoutingError)) throw err;
    const path = [prefix, dotted(err.path)].filter(Boolean).join('.') || '(body)';
    const message = dotted(err.message);
    throw new ArbiterError(ErrorCode.Validation, `${path}: ${message}`, [{ path, message }], { routingCode: err.code });
  }
}
