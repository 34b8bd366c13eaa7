// A project's agreement report from its annotations: Krippendorff's alpha and Fleiss' kappa overall, binary
// alpha per label, the annotator × annotator Cohen's kappa matrix, each annotator against gold and against
// consensus (with bootstrap 95% intervals), the consensus label of every item, and the items to adjudicate.
import { bootstrapInterval } from '../coefficients/bootstrap-interval';
import { cohensKappa } from '../coefficients/cohens-kappa';
import { fleissKappa } from '../coefficients/fleiss-kappa';
import { krippendorffAlpha } from '../coefficients/krippendorff-alpha';
import { pairwiseAgreementMatrix } from '../coefficients/pairwise-agreement';
import { dawidSkene } from '../consensus/dawid-skene';
import { majorityVote } from '../consensus/majority-vote';
import { majorityLabel } from '../majority-label';
import type { AgreementReportInput, AgreementReportResult, AnnotatorFigures, ItemConsensus, ReviewCandidate, Stat } from './agreement-report.types';

const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function buildAgreementReport(input: AgreementReportInput): AgreementReportResult {
  const { annotations, items, classes, kind, gold, seed } = input;
  const raters = [...new Set(annotations.map((a) => a.rater))].sort();
  const raterIndex = new Map(raters.map((r, i) => [r, i]));
  const raterOf = (ai: number) => raterIndex.get(annotations[ai].rater) ?? -1;
  const byItem: number[][] = Array.from({ length: items }, () => []);
  annotations.forEach((a, i) => byItem[a.item].push(i));
  const pairable = byItem.map((list, item) => (list.length >= 2 ? item : -1)).filter((i) => i >= 0);
  const boot = <T>(fn: (xs: T[]) => number | null, data: T[]): Stat => {
    const b = bootstrapInterval(fn, data, { samples: input.bootstrapSamples, seed, level: 0.95 });
    return { value: b.value, low: b.low, high: b.high, n: data.length, ...(b.reason ? { reason: b.reason } : {}) };
  };
  const unavailable = (reason: string, n = 0): Stat => ({ value: null, low: null, high: null, n, reason });

  // alpha over a set of item indices, with `value(annotation)` as the rating (a label id or a 0/1 indicator).
  const alphaOn = (itemIds: number[], value: (labels: number[]) => number) => {
    const reliability = raters.map(() => new Array<number | null>(itemIds.length).fill(null));
    itemIds.forEach((item, col) => {
      for (const ai of byItem[item]) reliability[raterOf(ai)][col] = value(annotations[ai].labels);
    });
    return krippendorffAlpha(reliability, { level: 'nominal' }).value;
  };

  const single = kind === 'single';
  const alpha = single ? boot((ids: number[]) => alphaOn(ids, (l) => l[0]), pairable) : unavailable('multi-label project: see per-label agreement', pairable.length);
  const fullItems = byItem.map((l, item) => (l.length === input.overlap ? item : -1)).filter((i) => i >= 0);
  const fleissOn = (ids: number[]) =>
    fleissKappa(ids.map((item) => {
      const row = new Array<number>(classes).fill(0);
      for (const ai of byItem[item]) row[annotations[ai].labels[0]]++;
      return row;
    })).value;
  const fleiss = !single
    ? unavailable('multi-label project: see per-label agreement', fullItems.length)
    : input.overlap < 2
      ? unavailable('overlap k is 1: no item has two ratings by design', 0)
      : boot(fleissOn, fullItems);
  const perLabel = Array.from({ length: classes }, (_, c) => ({
    label: c,
    alpha: boot((ids: number[]) => alphaOn(ids, (l) => (l.includes(c) ? 1 : 0)), pairable),
  }));

  const pw = pairwiseAgreementMatrix(
    single ? annotations.map((a) => ({ item: a.item, rater: a.rater, label: a.labels[0] })) : [],
    { labels: Array.from({ length: classes }, (_, i) => i) },
  );
  const matrix = { raters: pw.raters, kappa: pw.kappa, n: pw.n };

  // Consensus for every annotated item; Dawid-Skene only makes sense for single-label projects.
  const consensus: ItemConsensus[] = [];
  if (single) {
    const cin = { judgements: annotations.map((a, i) => ({ item: a.item, worker: raterOf(i), label: a.labels[0] })), items, workers: raters.length, classes };
    const result = input.consensusMethod === 'dawid-skene' && raters.length > 0 ? dawidSkene(cin) : majorityVote(cin);
    result.labels.forEach((l, item) => {
      const confidence = result.confidence[item];
      if (l !== null && confidence !== null) consensus.push({ item, labels: [l], confidence });
    });
  } else {
    byItem.forEach((list, item) => {
      if (!list.length) return;
      const labels = majorityLabel({ annotations: list.map((ai) => annotations[ai].labels), kind: 'multi' }) ?? [];
      // Confidence of a multi-label consensus: the share of annotators agreeing with it exactly.
      const agree = list.filter((ai) => same([...annotations[ai].labels].sort((a, b) => a - b), labels)).length;
      consensus.push({ item, labels, confidence: agree / list.length });
    });
  }
  const consensusOf = new Map(consensus.map((c) => [c.item, c.labels]));

  const review: ReviewCandidate[] = [];
  for (const c of consensus) {
    const list = byItem[c.item];
    const first = [...annotations[list[0]].labels].sort((a, b) => a - b);
    const disagree = list.some((ai) => !same([...annotations[ai].labels].sort((a, b) => a - b), first));
    if (disagree) review.push({ item: c.item, reason: 'disagreement' });
    else if (c.confidence < input.reviewThreshold) review.push({ item: c.item, reason: 'low_confidence' });
  }

  const annotators: AnnotatorFigures[] = raters.map((rater) => {
    const mine = annotations.filter((a) => a.rater === rater);
    const against = (reference: (item: number) => number[] | undefined) => {
      const pairs = mine.flatMap((a) => {
        const ref = reference(a.item);
        return ref === undefined ? [] : [[a.labels, ref] as const];
      });
      const kappa = (ps: (typeof pairs)[number][]) =>
        single ? cohensKappa(ps.map((p) => p[0][0]), ps.map((p) => p[1][0]), { labels: Array.from({ length: classes }, (_, i) => i) }).value : null;
      const accuracy = (ps: (typeof pairs)[number][]) => (ps.length ? ps.filter((p) => same([...p[0]].sort((a, b) => a - b), [...p[1]].sort((a, b) => a - b))).length / ps.length : null);
      return {
        kappa: single ? boot(kappa, [...pairs]) : unavailable('multi-label project: see accuracy', pairs.length),
        accuracy: boot(accuracy, [...pairs]),
      };
    };
    // Against consensus only where others also labeled the item, so an annotator is not scored against themself.
    const shared = (item: number) => (byItem[item].length >= 2 ? consensusOf.get(item) : undefined);
    return { rater, annotations: mine.length, vsGold: against((item) => gold.get(item)), vsConsensus: against(shared) };
  });

  const confidences = consensus.map((c) => c.confidence);
  return {
    report: {
      pairableItems: pairable.length,
      annotations: annotations.length,
      overall: { alpha, fleiss },
      perLabel,
      matrix,
      annotators,
      consensus: {
        method: single ? input.consensusMethod : 'majority',
        items: consensus.length,
        meanConfidence: confidences.length ? confidences.reduce((s, x) => s + x, 0) / confidences.length : null,
      },
    },
    consensus,
    review,
  };
}
