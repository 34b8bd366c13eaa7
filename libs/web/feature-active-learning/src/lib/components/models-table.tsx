import type { ModelSummary } from '@arbiter/contracts';
import { formatCount, formatEce, formatMetric, MODEL_KIND_NAMES } from '../al-format';

export interface ModelsTableProps {
  projectId: string;
  models: ModelSummary[];
}

/** Every model version, newest first, with its figures on the evaluation slice and where it was trained. */
export function ModelsTable({ projectId, models }: ModelsTableProps) {
  if (models.length === 0) return <p className="empty">No model versions yet: the first round trains one.</p>;
  const newestFirst = [...models].sort((a, b) => b.version - a.version);
  return (
    <div className="table-scroll">
      <table className="table al-models" data-testid="al-models">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Model</th>
            <th scope="col" className="num">
              Training labels
            </th>
            <th scope="col" className="num">
              Accuracy
            </th>
            <th scope="col" className="num">
              Macro-F1
            </th>
            <th scope="col" className="num" title="Expected calibration error before → after temperature scaling">
              ECE before → after
            </th>
            <th scope="col" className="num">
              Evaluated on
            </th>
            <th scope="col" title="The snapshot whose train and valid rows it learned from (and whose test gold evaluated it)">
              Data
            </th>
            <th scope="col">Backend</th>
            <th scope="col">Trained</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((m) => (
            <tr key={m.id} data-testid={`al-model-v${m.version}`}>
              <th scope="row">v{m.version}</th>
              <td>{MODEL_KIND_NAMES[m.kind]}</td>
              <td className="num">{formatCount(m.labelCount)}</td>
              <td className="num" data-testid="al-model-accuracy">
                {formatMetric(m.metrics.accuracy)}
              </td>
              <td className="num" data-testid="al-model-macro-f1">
                {formatMetric(m.metrics.macroF1)}
              </td>
              <td className="num" title={`temperature ${m.metrics.temperature.toFixed(2)}`}>
                {formatEce(m.metrics.eceBefore, m.metrics.eceAfter)}
              </td>
              <td className="num">{formatCount(m.metrics.evaluationItems)} items</td>
              <td data-testid="al-model-snapshot">
                {m.trainingSnapshot === null ? '—' : <a href={`/api/projects/${projectId}/snapshots/${m.trainingSnapshot}/datasheet`}>snapshot {m.trainingSnapshot}</a>}
              </td>
              <td>
                <code>{m.backend}</code>
              </td>
              <td>{new Date(m.createdAt).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
