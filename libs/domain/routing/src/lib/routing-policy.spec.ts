import { checkRoutingPolicy } from './routing-policy';
import type { RoutingPolicy } from './routing-policy';
import { routingErrorOf } from './fixtures.testing';
import { RoutingErrorCode } from './routing.error';

const base: RoutingPolicy = { schemaVersion: 1, costMatrix: [[0, 1], [4, 0]], reviewCost: 0.5 };
const floor = (label: number, minConfidence: number) => ({ label, minConfidence });

describe('checkRoutingPolicy', () => {
  it('returns the class count of a valid policy', () => {
    const full: RoutingPolicy = {
      ...base,
      temperature: 1.4,
      reviewPrice: 0.3,
      confidenceFloors: [floor(0, 0.8)],
      audit: { share: 0.02, seed: 4_294_967_295 },
      rules: [{ id: 'vip', when: { field: 'tier', op: '==', value: 'vip' } }],
    };
    expect(checkRoutingPolicy(full)).toBe(2);
  }, 10_000);

  it.each<[string, Partial<Record<keyof RoutingPolicy, unknown>>, string]>([
    ['another schema version', { schemaVersion: 2 }, 'schemaVersion'],
    ['a one-class cost matrix', { costMatrix: [[0]] }, 'costMatrix'],
    ['an infinite review cost', { reviewCost: Infinity }, 'reviewCost'],
    ['an infinite review price', { reviewPrice: Infinity }, 'reviewPrice'],
    ['a temperature outside [0.05, 20]', { temperature: 25 }, 'temperature'],
    ['a class bias with a number missing', { classBias: [0.5] }, 'classBias'],
    ['a floor for an unknown label', { confidenceFloors: [floor(2, 0.5)] }, 'confidenceFloors[0].label'],
    ['two floors for a label', { confidenceFloors: [floor(0, 0.5), floor(0, 0.6)] }, 'confidenceFloors[1].label'],
    ['a floor above 1', { confidenceFloors: [floor(0, 1.5)] }, 'confidenceFloors[0].minConfidence'],
    ['an audit share above 1', { audit: { share: 1.5, seed: 1 } }, 'audit.share'],
    ['a fractional audit seed', { audit: { share: 0.1, seed: 1.5 } }, 'audit.seed'],
    ['a rule id used twice', { rules: [{ id: 'r', when: { all: [] } }, { id: 'r', when: { any: [] } }] }, 'rules[1].id'],
    ['a bad rule condition', { rules: [{ id: 'r', when: { field: 'a', op: 'like', value: 'x' } }] }, 'rules[0].when.op'],
  ])('refuses %s, naming the field', (_name, change, path) => {
    expect(routingErrorOf(() => checkRoutingPolicy({ ...base, ...change }))).toEqual([RoutingErrorCode.InvalidPolicy, path]);
  }, 10_000);

  it('names the cell of a bad cost', () => {
    expect(routingErrorOf(() => checkRoutingPolicy({ ...base, costMatrix: [[0, -1], [1, 0]] }))).toEqual([
      RoutingErrorCode.NegativeCost,
      'costMatrix[0][1]',
    ]);
  }, 10_000);
});
