import type { ModelMonitoring } from '@arbiter/contracts';
import { errorView, useModelMonitoring, useModelVersions, type ModelRef } from '@arbiter/web/data-access';
import { Card, ErrorMessage } from '@arbiter/web/ui';
import { useState } from 'react';
import { ReliabilityChart } from './reliability-chart';

export interface MonitoringSectionProps {
  projectId: string;
}

const rate = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null, digits = 3) => (x === null ? '—' : x.toFixed(digits));

/** A chosen model version's escalation and overturn rates, calibration, per-class error and drift, with its alerts. */
export function MonitoringSection({ projectId }: MonitoringSectionProps) {
  const versions = useModelVersions(projectId);
  const [model, setModel] = useState<ModelRef | null>(null);
  const monitoring = useModelMonitoring(projectId, model);
  const list = versions.data?.models ?? [];
  const keyOf = (m: ModelRef) => JSON.stringify([m.name, m.version]);

  return (
    <Card title="Monitoring" testId="routing-monitoring">
      <div className="form form--inline">
        <label className="field">
          Model version
          <select
            value={model ? keyOf(model) : ''}
            onChange={(e) => {
              const m = list.find((x) => keyOf(x) === e.target.value);
              setModel(m ? { name: m.name, version: m.version } : null);
            }}
            data-testid="monitoring-model"
          >
            <option value="">{list.length ? 'Choose a model version' : 'No predictions yet'}</option>
            {list.map((m) => (
              <option key={keyOf(m)} value={keyOf(m)}>
                {m.name} {m.version} · {m.predictions.toLocaleString('en-US')} predictions, last {new Date(m.lastSeenAt).toLocaleString('en-US')}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn" onClick={() => void Promise.all([versions.refetch(), model && monitoring.refetch()])} disabled={versions.isFetching || monitoring.isFetching} data-testid="monitoring-refresh">
          Refresh
        </button>
      </div>
      {versions.isError && <ErrorMessage {...errorView(versions.error)} />}
      {monitoring.isError && <ErrorMessage {...errorView(monitoring.error)} />}
      {monitoring.data && <MonitoringView m={monitoring.data} />}
    </Card>
  );
}

function MonitoringView({ m }: { m: ModelMonitoring }) {
  const drift = [
    ...(m.drift.confidence ? [{ ...m.drift.confidence, field: 'confidence' }] : []),
    ...(m.drift.predictedClass ? [{ field: 'predicted-class', psi: m.drift.predictedClass.psi, ksStatistic: null, ksPValue: null }] : []),
    ...m.drift.metadata.map((d) => ({ ...d, field: `metadata.${d.field}` })),
  ];
  // Alerts are named after the field and the test: `confidence PSI`, `metadata.amount KS`, `predicted-class PSI`.
  const alertsOf = (field: string) => m.alerts.filter((a) => a.metric === `${field} PSI` || a.metric === `${field} KS`).map((a) => a.metric.slice(field.length + 1));
  return (
    <div data-testid="monitoring-view">
      <div className="stat-tiles">
        <Tile label="predictions" value={m.predictions.toLocaleString('en-US')} testId="monitoring-predictions" />
        <Tile label="escalation rate (routed / decided)" value={rate(m.escalationRate)} testId="monitoring-escalation" />
        <Tile label="reviewed" value={m.reviewed.toLocaleString('en-US')} testId="monitoring-reviewed" />
        <Tile label="overturn rate" value={rate(m.overturnRate)} testId="monitoring-overturn" />
        <Tile label="ECE" value={num(m.calibration.ece)} testId="monitoring-ece" />
      </div>

      <h3>Alerts</h3>
      {m.alerts.length === 0 ? (
        <p className="muted" data-testid="monitoring-no-alerts">
          No alert: every PSI below 0.2 and no KS test significant.
        </p>
      ) : (
        <ul className="routing-alerts" data-testid="monitoring-alerts">
          {m.alerts.map((a) => (
            <li key={a.metric}>
              <span className="badge badge--alert" data-testid="alert-badge">
                {a.metric}
              </span>{' '}
              {a.message}
            </li>
          ))}
        </ul>
      )}

      <h3>Reliability of reviewed predictions</h3>
      <ReliabilityChart calibration={m.calibration} />

      <h3>Error per class (reviewed)</h3>
      <table className="table" data-testid="monitoring-per-class">
        <thead>
          <tr>
            <th>Label</th>
            <th>Predicted</th>
            <th>Reviewed</th>
            <th>Error rate</th>
          </tr>
        </thead>
        <tbody>
          {m.perClass.map((c) => (
            <tr key={c.label}>
              <td>{c.labelName}</td>
              <td>{c.predicted}</td>
              <td>{c.reviewed}</td>
              <td>{rate(c.errorRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>Drift</h3>
      <p className="hint">
        {m.drift.reference === null
          ? 'No reference yet.'
          : `The latest ${m.drift.currentSize} predictions against ${m.drift.reference === 'uploaded' ? 'the uploaded reference' : 'the version’s first predictions'} (${m.drift.referenceSize}).`}
      </p>
      <table className="table" data-testid="monitoring-drift">
        <thead>
          <tr>
            <th>Field</th>
            <th>PSI</th>
            <th>KS D</th>
            <th>KS p</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {drift.map((d) => (
            <tr key={d.field} data-testid={`drift-${d.field}`}>
              <td>{d.field}</td>
              <td>{d.psi.toFixed(3)}</td>
              <td>{num(d.ksStatistic)}</td>
              <td>{d.ksPValue === null ? '—' : d.ksPValue.toPrecision(2)}</td>
              <td>
                {alertsOf(d.field).map((test) => (
                  <span key={test} className="badge badge--alert" data-testid="drift-alert">
                    {test} alert
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Tile({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="stat-tile">
      <span className="stat-tile__value" data-testid={testId}>
        {value}
      </span>
      <span className="stat-tile__label">{label}</span>
    </div>
  );
}
