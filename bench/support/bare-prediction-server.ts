// The baseline of the production-decisions bench, run in its own process as the api is: a bare Fastify route that
// does the same request validation as Arbiter's prediction routes (the contracts' zod schemas, and the probabilities
// summing to 1) and answers a decision-shaped JSON, with no auth, database or routing. It prints its port.
import Fastify from 'fastify';
import { predictionBatchRequestSchema, predictionRequestSchema } from '@arbiter/contracts';

const app = Fastify({ logger: false, bodyLimit: 64 * 1024 * 1024 });

function answer(p: { predictionId: string; probs: number[] }) {
  const sum = p.probs.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > 0.001) return null;
  const label = p.probs.indexOf(Math.max(...p.probs));
  return { predictionId: p.predictionId, action: 'act', label, calibratedProbs: p.probs };
}

app.post('/predictions', async (req, reply) => {
  const parsed = predictionRequestSchema.safeParse(req.body);
  if (!parsed.success) return reply.code(400).send({ errors: parsed.error.issues });
  const out = answer(parsed.data);
  return out ?? reply.code(400).send({ errors: [{ path: 'probs' }] });
});

app.post('/predictions/batch', async (req, reply) => {
  const parsed = predictionBatchRequestSchema.safeParse(req.body);
  if (!parsed.success) return reply.code(400).send({ errors: parsed.error.issues });
  const decisions = parsed.data.predictions.map(answer);
  if (decisions.some((d) => d === null)) return reply.code(400).send({ errors: [{ path: 'probs' }] });
  return { decisions };
});

app.listen({ port: 0, host: '127.0.0.1' }).then((address) => {
  process.stdout.write(`${new URL(address).port}\n`);
});
