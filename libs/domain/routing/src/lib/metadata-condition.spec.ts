import { checkCondition, matchesCondition } from './metadata-condition';
import type { MetadataCondition } from './metadata-condition';
import { routingErrorOf } from './fixtures.testing';
import { RoutingErrorCode } from './routing.error';

const item = { country: 'DE', amount: 1200, vip: true, channel: 'web', note: null };

describe('matchesCondition', () => {
  it.each<[string, MetadataCondition, boolean]>([
    ['== on a string', { field: 'country', op: '==', value: 'DE' }, true],
    ['== is strict about type', { field: 'amount', op: '==', value: '1200' }, false],
    ['!= on a boolean', { field: 'vip', op: '!=', value: false }, true],
    ['> on a number', { field: 'amount', op: '>', value: 1000 }, true],
    ['<= at equality', { field: 'amount', op: '<=', value: 1200 }, true],
    ['< at equality', { field: 'amount', op: '<', value: 1200 }, false],
    ['an order operator on a string field', { field: 'country', op: '>', value: 0 }, false],
    ['in', { field: 'channel', op: 'in', value: ['web', 'app'] }, true],
    ['not-in', { field: 'channel', op: 'not-in', value: ['web', 'app'] }, false],
    ['a missing field matches not even !=', { field: 'missing', op: '!=', value: 'x' }, false],
    ['a null field matches not even not-in', { field: 'note', op: 'not-in', value: ['x'] }, false],
    ['an inherited property is not a field', { field: 'toString', op: '!=', value: 'x' }, false],
    [
      'all: every part must hold',
      { all: [{ field: 'country', op: '==', value: 'DE' }, { field: 'amount', op: '>', value: 5000 }] },
      false,
    ],
    [
      'any: one part is enough',
      { any: [{ field: 'country', op: '==', value: 'FR' }, { field: 'amount', op: '>', value: 1000 }] },
      true,
    ],
    [
      'nested: (vip and amount ≥ 1000) or country FR',
      {
        any: [
          { all: [{ field: 'vip', op: '==', value: true }, { field: 'amount', op: '>=', value: 1000 }] },
          { field: 'country', op: '==', value: 'FR' },
        ],
      },
      true,
    ],
    ['an empty all is true', { all: [] }, true],
    ['an empty any is false', { any: [] }, false],
  ])('%s', (_name, condition, expected) => {
    expect(matchesCondition(condition, item)).toBe(expected);
  }, 10_000);

  it('matches nothing but an empty all without metadata', () => {
    expect(matchesCondition({ field: 'a', op: '!=', value: 1 })).toBe(false);
    expect(matchesCondition({ all: [] })).toBe(true);
  }, 10_000);
});

describe('checkCondition', () => {
  const deep = (depth: number): unknown => (depth === 0 ? { field: 'a', op: '==', value: 1 } : { all: [deep(depth - 1)] });

  it.each<[string, unknown, string]>([
    ['an unknown operator', { field: 'a', op: '=~', value: 'x' }, 'when.op'],
    ['an order operator with a string', { field: 'a', op: '<', value: '3' }, 'when.value'],
    ['in without a list', { field: 'a', op: 'in', value: 'x' }, 'when.value'],
    ['an object as a value', { field: 'a', op: '==', value: { b: 1 } }, 'when.value'],
    ['an empty field name', { field: '', op: '==', value: 1 }, 'when.field'],
    ['an extra key', { field: 'a', op: '==', value: 1, also: 2 }, 'when'],
    ['all beside a comparison', { all: [], field: 'a' }, 'when'],
    ['a bad child', { any: [{ field: 'a', op: '==', value: 1 }, { field: 'b', op: '!' }] }, 'when.any[1]'],
    ['nesting past the limit (nine levels)', deep(8), 'when' + '.all[0]'.repeat(8)],
  ])('refuses %s, naming the path', (_name, condition, path) => {
    expect(routingErrorOf(() => checkCondition(condition, 'when'))).toEqual([RoutingErrorCode.InvalidPolicy, path]);
  }, 10_000);

  it('accepts nesting up to the limit (eight levels, the comparison included)', () => {
    expect(() => checkCondition(deep(7), 'when')).not.toThrow();
  }, 10_000);
});
