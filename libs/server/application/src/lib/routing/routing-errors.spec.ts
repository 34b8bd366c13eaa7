import { routePrediction } from '@arbiter/domain/routing';
import { ArbiterError } from '../errors/arbiter.error';
import { requestHash } from './prediction.service';
import { asBadRequest, dotted } from './routing-errors';

const policy = { schemaVersion: 1 as const, costMatrix: [[0, 1], [1, 0]], reviewCost: 0.2 };

describe('asBadRequest', () => {
  it.each([
    ['predictions.12', [0.5, 0.6], 'predictions.12.probs'],
    ['predictions.3', [1.5, -0.5], 'predictions.3.probs.0'],
    ['', [0.5, 0.6], 'probs'],
  ])('names %s + the domain path for %j as %s', (prefix, probs, path) => {
    let caught: unknown;
    try {
      asBadRequest(prefix, () => routePrediction({ policy, predictionId: 'x', probs }));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ArbiterError);
    expect((caught as ArbiterError).errors?.[0].path).toBe(path);
  });

  it('dots bracketed indexes, as zod paths read', () => {
    expect(dotted('rules[0].when.any[1].op')).toBe('rules.0.when.any.1.op');
  });

  it('lets other errors through', () => {
    expect(() => asBadRequest('p', () => { throw new TypeError('boom'); })).toThrow(TypeError);
  });
});

describe('requestHash', () => {
  const req = { predictionId: 'a', item: { text: 't', metadata: { x: 1, y: 'z' } }, model: { name: 'm', version: '1' }, probs: [0.25, 0.75] };

  it('is the same for the same body with keys in another order', () => {
    const reordered = { probs: [0.25, 0.75], model: { version: '1', name: 'm' }, item: { metadata: { y: 'z', x: 1 }, text: 't' }, predictionId: 'a' };
    expect(requestHash(reordered)).toBe(requestHash(req));
  });

  it('differs when any value differs, array order included', () => {
    expect(requestHash({ ...req, probs: [0.75, 0.25] })).not.toBe(requestHash(req));
    expect(requestHash({ ...req, item: { ...req.item, metadata: { x: 2, y: 'z' } } })).not.toBe(requestHash(req));
  });
});
