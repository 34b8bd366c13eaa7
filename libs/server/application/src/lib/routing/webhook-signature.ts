// The signature of a webhook delivery: HMAC-SHA256 keyed by the project's webhook secret over `${timestamp}.${body}`,
// so a receiver can tell the body came from Arbiter and was not replayed long after (it checks the timestamp too).
import { createHmac } from 'node:crypto';

/** `sha256=` + the hex digest; `timestamp` is the value sent in the timestamp header (Unix seconds). */
export function signWebhook(p: { secret: string; timestamp: string; body: string }): string {
  return `sha256=${createHmac('sha256', p.secret).update(`${p.timestamp}.${p.body}`, 'utf8').digest('hex')}`;
}
