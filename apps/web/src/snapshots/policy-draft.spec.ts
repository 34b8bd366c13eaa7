import { createSnapshotRequestSchema, DEFAULT_LABEL_POLICY } from '@arbiter/contracts';
import { defaultPolicyDraft, toCreateSnapshotRequest } from './policy-draft';

describe('snapshot policy draft', () => {
  it('starts from the default policy (every source but weak labels) and sends it as the contract parses it', () => {
    const r = toCreateSnapshotRequest(defaultPolicyDraft());
    expect(r).toEqual({ ok: true, value: { policy: DEFAULT_LABEL_POLICY } });
    if (r.ok) expect(createSnapshotRequestSchema.parse(r.value)).toEqual(r.value);
  }, 5_000);

  it('sends the sources ticked, in the contract’s order, the weak bar as typed, the switches and a trimmed note', () => {
    const d = defaultPolicyDraft();
    const r = toCreateSnapshotRequest({
      ...d,
      sources: { ...d.sources, consensus: false, weak: true },
      weakMinConfidence: ' 0.6 ',
      includeOpenDisagreements: true,
      note: '  nightly  ',
    });
    expect(r).toEqual({
      ok: true,
      value: {
        policy: { sources: ['gold', 'review', 'production-verdict', 'weak'], weakMinConfidence: 0.6, includeUnderAdjudication: false, includeOpenDisagreements: true },
        note: 'nightly',
      },
    });
  }, 5_000);

  it('refuses no source at all, and a weak bar outside 0..1 when weak labels are in', () => {
    const d = defaultPolicyDraft();
    const none = Object.fromEntries(Object.keys(d.sources).map((k) => [k, false])) as typeof d.sources;
    expect(toCreateSnapshotRequest({ ...d, sources: none })).toEqual({ ok: false, errors: { sources: 'Choose at least one source of labels.' } });
    expect(toCreateSnapshotRequest({ ...d, sources: { ...d.sources, weak: true }, weakMinConfidence: '1.5' })).toEqual({
      ok: false,
      errors: { weakMinConfidence: 'Enter a confidence between 0 and 1, e.g. 0.9.' },
    });
    // Without weak labels the bar is moot: whatever is typed, the default goes.
    expect(toCreateSnapshotRequest({ ...d, weakMinConfidence: 'abc' })).toEqual({ ok: true, value: { policy: DEFAULT_LABEL_POLICY } });
  }, 5_000);
});
