// The agreement dashboard (reviewers and above): overall coefficients, per-label alpha, the pairwise kappa
// heatmap and each annotator against gold and consensus. Refetched whenever the socket announces a new report.
import type { Project } from '@arbiter/contracts';
import { errorView, useAgreement } from '@arbiter/web/data-access';
import { Card, ErrorMessage, formatShare, IntervalBars, KappaHeatmap, StatValue } from '@arbiter/web/ui';
import { AnnotatorAgreementTable } from './annotator-agreement-table';

export interface AgreementPanelProps {
  project: Project;
}

const METHOD_NAMES: Record<Project['consensusMethod'], string> = { majority: 'majority vote', 'dawid-skene': 'Dawid–Skene' };

export function AgreementPanel({ project }: AgreementPanelProps) {
  const agreement = useAgreement(project.id);
  const report = agreement.data;

  return (
    <Card
      title="Agreement"
      testId="agreement"
      actions={
        report && (
          <span className="muted" data-testid="agreement-computed-at" title={report.computedAt}>
            {report.annotations} annotations · computed {new Date(report.computedAt).toLocaleTimeString()}
          </span>
        )
      }
    >
      {agreement.isPending && <p className="muted">Loading agreement…</p>}
      {agreement.isError && <ErrorMessage {...errorView(agreement.error)} />}
      {report === null && (
        <p className="empty" data-testid="agreement-empty">
          No report yet. It is computed a moment after annotations arrive
          {project.overlap < 2 ? '; with one annotator per item there is no agreement to measure, only accuracy against gold' : ''}.
        </p>
      )}
      {report && (
        <>
          <div className="agreement-overall">
            <div className="agreement-figure">
              <span className="agreement-figure__label">Krippendorff&apos;s alpha</span>
              <StatValue stat={report.overall.alpha} format="coefficient" testId="agreement-alpha" />
            </div>
            <div className="agreement-figure">
              <span className="agreement-figure__label">Fleiss&apos; kappa</span>
              <StatValue stat={report.overall.fleiss} format="coefficient" testId="agreement-fleiss" />
            </div>
            <div className="agreement-figure">
              <span className="agreement-figure__label">Consensus ({METHOD_NAMES[report.consensus.method]})</span>
              <span className="stat-value" data-testid="agreement-consensus">
                <span className="stat-value__value">{report.consensus.items}</span>
                <span className="stat-value__n">
                  items
                  {report.consensus.meanConfidence !== null && `, mean confidence ${formatShare(report.consensus.meanConfidence)}`}
                </span>
              </span>
            </div>
          </div>
          <p className="hint">
            Intervals are 95% bootstrap intervals; n is the number of items behind each figure ({report.pairableItems} items have
            two or more annotations).
          </p>
          <div className="agreement-charts">
            <KappaHeatmap raters={report.matrix.raters} kappa={report.matrix.kappa} n={report.matrix.n} />
            <IntervalBars
              title="Alpha per label (this label vs any other)"
              rows={report.perLabel.map((l) => ({ key: String(l.label), name: l.name, stat: l.alpha }))}
              testId="per-label-alpha"
            />
          </div>
          <AnnotatorAgreementTable annotators={report.annotators} />
        </>
      )}
    </Card>
  );
}
