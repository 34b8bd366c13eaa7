import type { Project } from '@arbiter/contracts';
import { errorView, useCreateProject } from '@arbiter/web/data-access';
import { ErrorMessage } from '@arbiter/web/ui';
import { useState, type FormEvent } from 'react';
import { EMPTY_PROJECT_DRAFT, toCreateProjectRequest, type DraftErrors, type ProjectDraft } from '../project-draft';
import { GoldCheckFields } from './gold-check-fields';
import { ReviewPolicyFields } from './review-policy-fields';
import { LabelListEditor } from './label-list-editor';

export interface CreateProjectFormProps {
  onCreated: (project: Project) => void;
  onCancel: () => void;
}

export function CreateProjectForm({ onCreated, onCancel }: CreateProjectFormProps) {
  const [draft, setDraft] = useState<ProjectDraft>(EMPTY_PROJECT_DRAFT);
  const [errors, setErrors] = useState<DraftErrors>({});
  const create = useCreateProject();
  const set = <K extends keyof ProjectDraft>(key: K, value: ProjectDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = toCreateProjectRequest(draft);
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    create.mutate(r.value, { onSuccess: onCreated });
  };

  return (
    <form className="card form" onSubmit={submit} aria-label="New project" noValidate>
      <h2>New project</h2>
      <label className="field">
        <span>Name</span>
        <input value={draft.name} onChange={(e) => set('name', e.target.value)} data-testid="project-name" />
        {errors['name'] && <span className="field-error">{errors['name']}</span>}
      </label>
      <label className="field">
        <span>Description</span>
        <input value={draft.description} onChange={(e) => set('description', e.target.value)} />
      </label>
      <LabelListEditor labels={draft.labels} errors={errors} onChange={(labels) => set('labels', labels)} />
      <div className="form__row">
        <fieldset className="field">
          <legend>Each item gets</legend>
          <label className="choice">
            <input type="radio" name="kind" checked={draft.kind === 'single'} onChange={() => set('kind', 'single')} />
            one label
          </label>
          <label className="choice">
            <input type="radio" name="kind" checked={draft.kind === 'multi'} onChange={() => set('kind', 'multi')} />
            any number of labels
          </label>
        </fieldset>
        <label className="field">
          <span>Annotators per item (overlap)</span>
          <input
            type="number"
            min={1}
            max={50}
            value={draft.overlap}
            onChange={(e) => set('overlap', e.target.value)}
            data-testid="project-overlap"
          />
          {errors['overlap'] && <span className="field-error">{errors['overlap']}</span>}
        </label>
        <label className="field">
          <span>…on this share of items (%)</span>
          <input
            type="number"
            min={1}
            max={100}
            step="any"
            value={draft.overlapPercent}
            onChange={(e) => set('overlapPercent', e.target.value)}
            aria-invalid={Boolean(errors['overlapFraction'])}
            data-testid="project-overlap-percent"
          />
          {errors['overlapFraction'] && <span className="field-error">{errors['overlapFraction']}</span>}
        </label>
      </div>
      <p className="hint">
        The other items get one annotator each: agreement measured on a sample (say 10%) without paying for k labels on
        every item.
      </p>
      <ReviewPolicyFields values={draft} errors={errors} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} testIdPrefix="project" />
      <GoldCheckFields values={draft} errors={errors} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} testIdPrefix="project" />
      <label className="field">
        <span>Guidelines (shown to annotators with ?)</span>
        <textarea rows={5} value={draft.guidelines} onChange={(e) => set('guidelines', e.target.value)} data-testid="project-guidelines" />
      </label>
      {Object.keys(errors).length > 0 && <ErrorMessage message="Fix the highlighted fields." />}
      {create.isError && <ErrorMessage {...errorView(create.error)} />}
      <div className="form__actions">
        <button type="submit" className="btn btn--primary" disabled={create.isPending} data-testid="create-project-submit">
          {create.isPending ? 'Creating…' : 'Create project'}
        </button>
        <button type="button" className="btn btn--ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
