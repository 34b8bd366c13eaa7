import { argMaxRows, classificationMetrics } from './classification-metrics';

describe('classificationMetrics', () => {
  it("matches scikit-learn's f1_score docstring example (macro 0.2666…)", () => {
    // sklearn.metrics.f1_score docs: y_true = [0, 1, 2, 0, 1, 2], y_pred = [0, 2, 1, 0, 0, 1] → macro 0.26666666666666666;
    // accuracy_score on the same → 1/3.
    const m = classificationMetrics({ truth: [0, 1, 2, 0, 1, 2], predicted: [0, 2, 1, 0, 0, 1] });
    expect(m.macroF1).toBeCloseTo(0.26666666666666666, 15);
    expect(m.accuracy).toBeCloseTo(1 / 3, 15);
  });

  it('averages over the classes in the truth or the predictions only (scikit-learn labels=None)', () => {
    // f1_score([0, 0, 1], [0, 1, 1], average='macro'): class 0 F1 = 2/3, class 1 F1 = 2/3 → 0.6666…; class 2 never appears.
    expect(classificationMetrics({ truth: [0, 0, 1], predicted: [0, 1, 1] }).macroF1).toBeCloseTo(2 / 3, 15);
  });

  it('is null on no rows, never NaN', () => {
    expect(classificationMetrics({ truth: [], predicted: [] })).toEqual({ accuracy: null, macroF1: null });
  });

  it('takes the lower class on ties', () => {
    expect(Array.from(argMaxRows(Float32Array.from([0.5, 0.5, 0.2, 0.8]), 2))).toEqual([0, 1]);
  });
});
