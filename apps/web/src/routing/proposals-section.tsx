import type { RoutingProposal } from '@arbiter/contracts';
import { errorView, useApproveRoutingProposal, useJob, useRoutingProposals, useStartRoutingRefit } from '@arbiter/web/data-access';
import { Card, ErrorMessage } from '@arbiter/web/ui';
import { useEffect, useState } from 'react';
import { CostCurveChart } from './cost-curve-chart';

export interface ProposalsSectionProps {
  projectId: string;
  /** Engineers and owners re-fit and approve. */
  canEdit: boolean;
  activeVersion: number | null;
}

const cost = (x: number) => x.toFixed(2);
const share = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Re-fits' proposals, newest first, with the held-out cost of each policy and the newest one's cost curve. */
export function ProposalsSection({ projectId, canEdit, activeVersion }: ProposalsSectionProps) {
  const proposals = useRoutingProposals(projectId);
  const refit = useStartRoutingRefit(projectId);
  const approve = useApproveRoutingProposal(projectId);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(projectId, jobId);
  const [shownId, setShownId] = useState<string | null>(null);
  const jobState = job.data?.state;
  const { refetch } = proposals;

  useEffect(() => {
    if (jobState === 'completed') void refetch();
  }, [jobState, refetch]);

  const list = proposals.data?.proposals ?? [];
  const shown = list.find((p) => p.id === shownId) ?? list[0];
  const running = jobId !== null && jobState !== 'completed' && jobState !== 'failed';

  const actions = canEdit && (
    <button type="button" className="btn" disabled={refit.isPending || running} onClick={() => refit.mutate(undefined, { onSuccess: (r) => setJobId(r.jobId) })} data-testid="refit">
      {running ? 'Re-fitting…' : 'Re-fit now'}
    </button>
  );

  return (
    <Card title="Policy proposals" actions={actions} testId="routing-proposals">
      <p className="hint">
        A re-fit calibrates the model on half the reviewed predictions and learns the review price; each policy’s cost is measured on the other half.
        Active policy: {activeVersion === null ? 'the default (not stored yet)' : `version ${activeVersion}`}.
      </p>
      {refit.isError && <ErrorMessage {...errorView(refit.error)} />}
      {jobState === 'failed' && <ErrorMessage message={`The re-fit failed: ${job.data?.failedReason ?? 'no reason given'}`} testId="refit-failed" />}
      {approve.isError && <ErrorMessage {...errorView(approve.error)} />}
      {proposals.isError && <ErrorMessage {...errorView(proposals.error)} />}
      {proposals.isSuccess && list.length === 0 && (
        <p className="empty" data-testid="proposals-empty">
          No proposals yet: a re-fit needs 100 reviewed predictions (accepted or corrected).
        </p>
      )}
      {list.length > 0 && (
        <div className="table-scroll">
        <table className="table routing-proposals" data-testid="proposals-table">
          <thead>
            <tr>
              <th>Made</th>
              <th>Base version</th>
              <th>Reviewed (held out)</th>
              <th>Temperature</th>
              <th>Price</th>
              <th>Learned cost</th>
              <th>Best fixed</th>
              <th>Fixed 0.5</th>
              <th>Route all / none</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {list.map((p) => (
              <ProposalRow key={p.id} proposal={p} selected={p.id === shown?.id} onShow={() => setShownId(p.id)} canEdit={canEdit} approving={approve.isPending} onApprove={() => approve.mutate(p.id)} />
            ))}
          </tbody>
        </table>
        </div>
      )}
      {shown && (
        <>
          <h3>Cost against share routed (held out, proposal of {new Date(shown.createdAt).toLocaleString('en-US')})</h3>
          <CostCurveChart evaluation={shown.evaluation} />
        </>
      )}
    </Card>
  );
}

interface ProposalRowProps {
  proposal: RoutingProposal;
  selected: boolean;
  onShow: () => void;
  canEdit: boolean;
  approving: boolean;
  onApprove: () => void;
}

function ProposalRow({ proposal: p, selected, onShow, canEdit, approving, onApprove }: ProposalRowProps) {
  const e = p.evaluation;
  return (
    <tr className={selected ? 'is-selected' : undefined} data-testid="proposal-row" data-proposal-id={p.id}>
      <td>
        <button type="button" className="link" onClick={onShow} aria-pressed={selected}>
          {new Date(p.createdAt).toLocaleString('en-US')}
        </button>
      </td>
      <td>{p.baseVersion}</td>
      <td>
        {p.reviewedPredictions} ({p.heldOutRows})
      </td>
      <td>{p.temperatureFit.temperature.toFixed(2)}</td>
      <td>{e.learned.reviewPrice.toFixed(3)}</td>
      <td data-testid="proposal-learned">
        {cost(e.learned.total)} at {share(e.learned.routedShare)}
      </td>
      <td>
        {cost(e.bestThreshold.total)} at {share(e.bestThreshold.routedShare)}
      </td>
      <td>{cost(e.fixedThreshold.total)}</td>
      <td>
        {cost(e.routeAll.total)} / {cost(e.routeNone.total)}
      </td>
      <td data-testid="proposal-status">
        {p.appliedVersion !== null ? (
          `version ${p.appliedVersion}${p.appliedBy === null ? ' (applied automatically)' : ''}`
        ) : canEdit ? (
          <button type="button" className="btn btn--primary" disabled={approving} onClick={onApprove} data-testid="approve">
            Approve
          </button>
        ) : (
          'proposed'
        )}
      </td>
    </tr>
  );
}
