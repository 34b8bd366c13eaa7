import type { AgreementReport } from '@arbiter/contracts';
import { StatValue } from '@arbiter/web/ui';

export interface AnnotatorAgreementTableProps {
  annotators: AgreementReport['annotators'];
}

/** Each annotator's accuracy and kappa against gold and against the consensus of the others' labels. */
export function AnnotatorAgreementTable({ annotators }: AnnotatorAgreementTableProps) {
  const rows = [...annotators].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className="table-scroll">
      <table className="table agreement-table" data-testid="annotator-agreement">
        <caption>Annotators against gold and against consensus</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              Annotator
            </th>
            <th scope="col" rowSpan={2} className="num">
              Annotations
            </th>
            <th scope="colgroup" colSpan={2}>
              vs gold
            </th>
            <th scope="colgroup" colSpan={2}>
              vs consensus
            </th>
          </tr>
          <tr>
            <th scope="col">accuracy</th>
            <th scope="col">kappa</th>
            <th scope="col">accuracy</th>
            <th scope="col">kappa</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={6} className="muted">
                No annotations yet
              </td>
            </tr>
          ) : (
            rows.map((a) => (
              <tr key={a.userId} data-testid={`annotator-row-${a.name}`}>
                <th scope="row">{a.name}</th>
                <td className="num">{a.annotations}</td>
                <td>
                  <StatValue stat={a.vsGold.accuracy} format="share" compact testId="vs-gold-accuracy" />
                </td>
                <td>
                  <StatValue stat={a.vsGold.kappa} format="coefficient" compact testId="vs-gold-kappa" />
                </td>
                <td>
                  <StatValue stat={a.vsConsensus.accuracy} format="share" compact testId="vs-consensus-accuracy" />
                </td>
                <td>
                  <StatValue stat={a.vsConsensus.kappa} format="coefficient" compact testId="vs-consensus-kappa" />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
