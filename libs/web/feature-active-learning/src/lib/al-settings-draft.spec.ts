/// <reference types="jest" />
import { DEFAULT_ACTIVE_LEARNING_SETTINGS, type ActiveLearningSettings } from '@arbiter/contracts';
import { isDraftChanged, settingsDraft, toSettings, toSettingsUpdate } from './al-settings-draft';

const SAVED: ActiveLearningSettings = DEFAULT_ACTIVE_LEARNING_SETTINGS;

describe('settingsDraft / toSettings', () => {
  it('round-trips the stored settings, shares as percentages', () => {
    const d = settingsDraft(SAVED);
    expect(d.weakLabelMinConfidencePercent).toBe('90');
    expect(toSettings(d)).toEqual({ ok: true, value: SAVED });
  }, 5_000);

  it('keeps the number of a switched-off reason, and sends null for it', () => {
    const saved = { ...SAVED, retrain: { afterNewLabels: 120, onLfChange: false, everyMinutes: 30 } };
    const d = { ...settingsDraft(saved), retrainAfterLabels: false, retrainOnSchedule: false };
    expect(d.afterNewLabels).toBe('120');
    const r = toSettings(d);
    expect(r.ok && r.value.retrain).toEqual({ afterNewLabels: null, onLfChange: false, everyMinutes: null });
  }, 5_000);

  it('reads a blank top M as "10 × batch" (null) and weak labels off as null', () => {
    const r = toSettings({ ...settingsDraft(SAVED), topM: ' ', useWeakLabels: false, weakLabelWeight: 'junk' });
    expect(r.ok && [r.value.topM, r.value.weakLabelWeight]).toEqual([null, null]);
  }, 5_000);

  it('names every bad field by its contract path', () => {
    const r = toSettings({
      ...settingsDraft(SAVED),
      batchSize: '2.5',
      weakLabelMinConfidencePercent: '150',
      retrainOnSchedule: true,
      everyMinutes: '1',
      useWeakLabels: true,
      weakLabelWeight: '1',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(['batchSize', 'retrain.everyMinutes', 'weakLabelMinConfidence', 'weakLabelWeight']);
    expect(r.errors['retrain.everyMinutes']).toMatch(/5 to 10,080/);
    expect(r.errors['weakLabelMinConfidence']).toBe('A percentage from 0 to 100');
  }, 5_000);
});

describe('toSettingsUpdate', () => {
  it('sends only what changed, retrain as a whole', () => {
    const d = { ...settingsDraft(SAVED), strategy: 'margin' as const, retrainOnLfChange: false };
    expect(toSettingsUpdate(d, SAVED)).toEqual({
      ok: true,
      value: { strategy: 'margin', retrain: { afterNewLabels: 50, onLfChange: false, everyMinutes: null } },
    });
  }, 5_000);

  it('sends nothing for a draft equal to the stored settings', () => {
    expect(toSettingsUpdate(settingsDraft(SAVED), SAVED)).toEqual({ ok: true, value: {} });
  }, 5_000);
});

describe('isDraftChanged', () => {
  it('ignores whitespace around a retyped number and sees a ticked box', () => {
    expect(isDraftChanged({ ...settingsDraft(SAVED), batchSize: ' 50 ' }, SAVED)).toBe(false);
    expect(isDraftChanged({ ...settingsDraft(SAVED), retrainOnSchedule: true }, SAVED)).toBe(true);
  }, 5_000);
});
