// The owner's view of who labels how well: labels given and accuracy on gold checks per member, refetched on
// every `project:stats` event (see useProjectSocket), with Resume for anyone the checks paused.
import type { Project } from '@arbiter/contracts';
import { errorView, useAnnotators, useResumeAnnotator } from '@arbiter/web/data-access';
import { Card, ErrorMessage } from '@arbiter/web/ui';
import { goldPolicyText } from '../gold-policy';
import { AnnotatorQualityTable } from './annotator-quality-table';

export interface AnnotatorsPanelProps {
  project: Project;
}

export function AnnotatorsPanel({ project }: AnnotatorsPanelProps) {
  const annotators = useAnnotators(project.id);
  const resume = useResumeAnnotator(project.id);
  const paused = annotators.data?.filter((a) => a.paused).length ?? 0;

  return (
    <Card
      title="Annotators"
      testId="annotators"
      actions={
        paused > 0 && (
          <span className="badge badge--danger" data-testid="paused-count">
            {paused} paused
          </span>
        )
      }
    >
      <p className="hint" data-testid="gold-policy">
        {goldPolicyText(project)}
        {project.goldShare > 0 && project.minGoldAccuracy !== null && ' Resuming someone counts their accuracy afresh from their next check.'}
      </p>
      {annotators.isPending && <p className="muted">Loading annotators…</p>}
      {annotators.isError && <ErrorMessage {...errorView(annotators.error)} />}
      {annotators.data && (
        <AnnotatorQualityTable
          annotators={annotators.data}
          minGoldAccuracy={project.minGoldAccuracy}
          resuming={resume.isPending ? (resume.variables ?? null) : null}
          onResume={(userId) => resume.mutate(userId)}
        />
      )}
      {resume.isError && <ErrorMessage {...errorView(resume.error)} />}
    </Card>
  );
}
