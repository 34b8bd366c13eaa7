// The audit share: a random but reproducible fraction of confident predictions sent to review anyway, so the
// error rate where the model is sure keeps being measured. Chosen by hashing the prediction id, so a prediction
// posted twice (idempotent retries) gets the same answer, on every machine.
import { murmurHash3x86_32 } from '@arbiter/util/hash';

/** True for about `share` of all prediction ids: MurmurHash3(id, seed) / 2^32 < share. */
export function inAuditSample(predictionId: string, share: number, seed: number): boolean {
  return murmurHash3x86_32(predictionId, seed) / 4294967296 < share;
}
