// Monitoring one production model version (issue 10): how often it is escalated and overturned, how well its
// calibrated probabilities match reviewers' verdicts (a reliability diagram and ECE), its error per class, and drift
// of its traffic against what it was trained on: confidence and numeric metadata by PSI and the two-sample KS test,
// the predicted-class mix by categorical PSI, with alerts past the contracts' thresholds.
import { Injectable } from '@nestjs/common';
import {
  DRIFT_KS_ALERT_P,
  DRIFT_KS_MIN_STATISTIC,
  DRIFT_PSI_ALERT,
  MONITORING_BINS,
  MAX_LISTED_MODEL_VERSIONS,
  type ModelMonitoring,
  type ModelReferenceRequest,
  type ModelVersionList,
  type MonitoringQuery,
} from '@arbiter/contracts';
import { calibrationBin } from '@arbiter/domain/calibration';
import { categoricalPsi, ksTwoSample, psi } from '@arbiter/domain/drift';
import { ModelMonitoringRepository, type ModelReferenceRow, type MonitoredPrediction } from '@arbiter/server/data-access';
import { invalid } from '../errors/arbiter.error';
import { RoutingPolicyService } from './routing-policy.service';

/** Numeric metadata fields compared at most (the first in name order). */
const MAX_METADATA_FIELDS = 20;
/** Fewer values than this on either side: no drift statistic (it would be noise). */
const MIN_DRIFT_SAMPLE = 10;

const confidenceOf = (probs: number[]) => Math.max(...probs);

type Drift = ModelMonitoring['drift'];
type Alert = ModelMonitoring['alerts'][number];

@Injectable()
export class ModelMonitoringService {
  constructor(
    private readonly monitoring: ModelMonitoringRepository,
    private readonly routing: RoutingPolicyService,
  ) {}

  async listModels(projectId: string): Promise<ModelVersionList> {
    return { models: await this.monitoring.versions(projectId, MAX_LISTED_MODEL_VERSIONS) };
  }

  async putReference(projectId: string, req: ModelReferenceRequest): Promise<void> {
    const labels = await this.routing.labelNames(projectId);
    if (req.labelCounts.length !== labels.length) throw invalid('labelCounts', `must hold ${labels.length} counts, one per label of the project`);
    await this.monitoring.putReference(projectId, req.model.name, req.model.version, { confidences: req.confidences, labelCounts: req.labelCounts, metadata: req.metadata ?? {} });
  }

  async get(projectId: string, q: MonitoringQuery): Promise<ModelMonitoring> {
    const labels = await this.routing.labelNames(projectId);
    const { modelName: name, modelVersion: version, window } = q;
    const [counts, reviewed, current, uploaded] = await Promise.all([
      this.monitoring.counts(projectId, name, version),
      this.monitoring.reviewed(projectId, name, version),
      this.monitoring.window(projectId, name, version, window, false),
      this.monitoring.reference(projectId, name, version),
    ]);
    // Without an uploaded reference the version's first predictions stand in, when there are more than one window.
    const first = !uploaded && counts.predictions >= 2 * window ? await this.monitoring.window(projectId, name, version, window, true) : null;

    // Reviewed predictions with a true label: accepted (the model's) or corrected (the reviewer's).
    const truth = reviewed.flatMap((r) => (r.verdict === 'reject' ? [] : [{ probs: r.calibratedProbs, label: r.label, truth: r.verdict === 'accept' ? r.label : (r.verdictLabel as number) }]));
    const bins = Array.from({ length: MONITORING_BINS }, (_, b) => ({ lower: b / MONITORING_BINS, upper: (b + 1) / MONITORING_BINS, n: 0, conf: 0, right: 0 }));
    for (const t of truth) {
      const c = confidenceOf(t.probs);
      const bin = bins[calibrationBin(c, MONITORING_BINS)];
      bin.n++;
      bin.conf += c;
      // The decided label (the argmin of expected cost) may differ from the most likely one; reliability asks
      // whether the most likely label is right as often as its probability says.
      if (t.probs.indexOf(c) === t.truth) bin.right++;
    }
    const ece = truth.length ? bins.reduce((s, b) => s + (b.n ? (b.n / truth.length) * Math.abs(b.right / b.n - b.conf / b.n) : 0), 0) : null;

    const perClass = labels.map((labelName, label) => {
      const mine = truth.filter((t) => t.label === label);
      return {
        label,
        labelName,
        predicted: counts.byLabel.find((c) => c.label === label)?.n ?? 0,
        reviewed: mine.length,
        errorRate: mine.length ? mine.filter((t) => t.truth !== label).length / mine.length : null,
      };
    });

    const drift = this.drift(labels.length, current, uploaded, first);
    const overturned = reviewed.filter((r) => r.verdict !== 'accept').length;
    return {
      model: { name, version },
      predictions: counts.predictions,
      escalationRate: counts.predictions ? counts.routed / counts.predictions : null,
      reviewed: reviewed.length,
      overturnRate: reviewed.length ? overturned / reviewed.length : null,
      calibration: {
        ece,
        bins: bins.map((b) => ({ lower: b.lower, upper: b.upper, count: b.n, confidence: b.n ? b.conf / b.n : null, accuracy: b.n ? b.right / b.n : null })),
      },
      perClass,
      drift,
      alerts: alertsOf(drift),
    };
  }

  private drift(k: number, current: MonitoredPrediction[], uploaded: ModelReferenceRow | null, first: MonitoredPrediction[] | null): Drift {
    const none: Drift = { reference: null, referenceSize: 0, currentSize: current.length, confidence: null, predictedClass: null, metadata: [] };
    if (current.length < MIN_DRIFT_SAMPLE || (!uploaded && !first)) return none;
    const reference: ModelReferenceRow = uploaded ?? {
      confidences: (first as MonitoredPrediction[]).map((p) => confidenceOf(p.calibratedProbs)),
      labelCounts: countLabels(first as MonitoredPrediction[], k),
      metadata: numericFields(first as MonitoredPrediction[]),
    };
    const currentFields = numericFields(current);
    const fields = Object.keys(reference.metadata)
      .filter((f) => (currentFields[f]?.length ?? 0) >= MIN_DRIFT_SAMPLE && reference.metadata[f].length >= MIN_DRIFT_SAMPLE)
      .sort()
      .slice(0, MAX_METADATA_FIELDS);
    return {
      reference: uploaded ? 'uploaded' : 'first-window',
      referenceSize: reference.confidences.length,
      currentSize: current.length,
      confidence: stat(reference.confidences, current.map((p) => confidenceOf(p.calibratedProbs))),
      predictedClass: reference.labelCounts.length === k && reference.labelCounts.some((n) => n > 0) ? { psi: categoricalPsi(reference.labelCounts, countLabels(current, k)).psi } : null,
      metadata: fields.map((field) => ({ field, ...stat(reference.metadata[field], currentFields[field]) })),
    };
  }
}

function stat(reference: number[], current: number[]) {
  const ks = ksTwoSample(reference, current);
  return { psi: psi({ reference, current }).psi, ksStatistic: ks.statistic, ksPValue: ks.pValue };
}

function countLabels(rows: MonitoredPrediction[], k: number): number[] {
  const counts = new Array<number>(k).fill(0);
  for (const r of rows) if (r.label < k) counts[r.label]++;
  return counts;
}

/** Values of each metadata field that is a finite number in the rows that have it. */
function numericFields(rows: MonitoredPrediction[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const r of rows) {
    for (const [field, v] of Object.entries(r.metadata ?? {})) {
      if (typeof v === 'number' && Number.isFinite(v)) (out[field] ??= []).push(v);
    }
  }
  return out;
}

function alertsOf(drift: Drift): Alert[] {
  const alerts: Alert[] = [];
  const check = (metric: string, s: { psi: number; ksStatistic: number | null; ksPValue: number | null }) => {
    if (s.psi >= DRIFT_PSI_ALERT) alerts.push({ metric: `${metric} PSI`, value: s.psi, threshold: DRIFT_PSI_ALERT, message: `${metric} shifted: PSI ${s.psi.toFixed(3)} ≥ ${DRIFT_PSI_ALERT}` });
    if (s.ksPValue !== null && s.ksStatistic !== null && s.ksPValue < DRIFT_KS_ALERT_P && s.ksStatistic >= DRIFT_KS_MIN_STATISTIC) {
      alerts.push({ metric: `${metric} KS`, value: s.ksStatistic, threshold: DRIFT_KS_MIN_STATISTIC, message: `${metric} differs from the reference: KS D ${s.ksStatistic.toFixed(3)}, p ${s.ksPValue.toExponential(2)}` });
    }
  };
  if (drift.confidence) check('confidence', drift.confidence);
  if (drift.predictedClass && drift.predictedClass.psi >= DRIFT_PSI_ALERT) {
    alerts.push({ metric: 'predicted-class PSI', value: drift.predictedClass.psi, threshold: DRIFT_PSI_ALERT, message: `predicted-class mix shifted: PSI ${drift.predictedClass.psi.toFixed(3)} ≥ ${DRIFT_PSI_ALERT}` });
  }
  for (const m of drift.metadata) check(`metadata.${m.field}`, m);
  return alerts;
}
