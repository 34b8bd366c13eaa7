// The LF editor (engineers and owners): name, description and definition; Preview tries the draft on a sample,
// Save creates the LF or, when editing, sends what changed (a new definition is the LF's next version).
import type { LabelDef, Lf, LfDefinitionDto } from '@arbiter/contracts';
import { errorView, useCreateLf, usePreviewLf, useUpdateLf } from '@arbiter/web/data-access';
import { Card, ErrorMessage } from '@arbiter/web/ui';
import { useState, type FormEvent } from 'react';
import {
  draftFromDefinition,
  draftFromLf,
  emptyLfDraft,
  sameDefinition,
  toCreateLfRequest,
  toLfDefinition,
  toUpdateLfRequest,
  type DraftErrors,
  type LfDraft,
} from '../lf-draft';
import { versionText } from '../lf-format';
import { FieldError } from './field-error';
import { LfDefinitionFields } from './lf-definition-fields';
import { LfPreviewView } from './lf-preview-view';
import { LfVersionList } from './lf-version-list';

export interface LfEditorProps {
  projectId: string;
  labels: LabelDef[];
  /** The LF being edited, as last saved; null for a new one. */
  lf: Lf | null;
  onSaved: (lf: Lf) => void;
  onNew: () => void;
}

export function LfEditor({ projectId, labels, lf, onSaved, onNew }: LfEditorProps) {
  const [draft, setDraft] = useState<LfDraft>(() => (lf ? draftFromLf(lf, labels) : emptyLfDraft(labels)));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  // What the last preview was of.
  const [previewed, setPreviewed] = useState<{ definition: LfDefinitionDto } | null>(null);
  const create = useCreateLf(projectId);
  const update = useUpdateLf(projectId);
  const preview = usePreviewLf(projectId);
  const saving = create.isPending || update.isPending;
  const saveError = create.error ?? update.error;

  const change = (patch: Partial<LfDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setNotice(null);
  };

  const runPreview = () => {
    const def = toLfDefinition(draft, labels.length);
    if (!def.ok) return setErrors(def.errors);
    setErrors({});
    setPreviewed({ definition: def.value });
    // Editing: the LF's own saved version is not one of "the other LFs" it overlaps with.
    preview.mutate({ definition: def.value, ...(lf ? { lfId: lf.id } : {}) });
  };

  const save = (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    if (!lf) {
      const body = toCreateLfRequest(draft, labels.length);
      if (!body.ok) return setErrors(body.errors);
      setErrors({});
      update.reset();
      return create.mutate(body.value, {
        onSuccess: (saved) => {
          setNotice(`Saved “${saved.name}” as ${versionText(saved.current.version)}. It is being applied to every item.`);
          onSaved(saved);
        },
      });
    }
    const body = toUpdateLfRequest(draft, lf, labels.length);
    if (!body.ok) return setErrors(body.errors);
    setErrors({});
    if (body.value === null) return setNotice('Nothing changed.');
    create.reset();
    const newVersion = body.value.definition !== undefined;
    update.mutate(
      { lfId: lf.id, body: body.value },
      {
        onSuccess: (saved) => {
          setDraft(draftFromLf(saved, labels));
          setNotice(newVersion ? `Saved ${versionText(saved.current.version)}. It is being applied to every item.` : 'Saved.');
          onSaved(saved);
        },
      },
    );
  };

  const current = toLfDefinition(draft, labels.length);
  const stale = previewed !== null && !(current.ok && sameDefinition(current.value, previewed.definition));

  return (
    <Card
      title={lf ? `Edit “${lf.name}” (${versionText(lf.current.version)})` : 'New labeling function'}
      testId="lf-editor"
      actions={
        lf && (
          <button type="button" className="btn btn--small" onClick={onNew} data-testid="lf-new">
            New LF
          </button>
        )
      }
    >
      <form className="form" onSubmit={save} aria-label="Labeling function" noValidate>
        <div className="form__row">
          <label className="field">
            <span>Name</span>
            <input value={draft.name} onChange={(e) => change({ name: e.target.value })} aria-invalid={Boolean(errors.name)} data-testid="lf-name" />
            <FieldError text={errors.name} />
          </label>
          <label className="field lf-editor__wide">
            <span>Description</span>
            <input
              value={draft.description}
              placeholder="optional: what it catches and why"
              onChange={(e) => change({ description: e.target.value })}
              aria-invalid={Boolean(errors.description)}
              data-testid="lf-description"
            />
            <FieldError text={errors.description} />
          </label>
        </div>
        <LfDefinitionFields draft={draft} errors={errors} labels={labels} onChange={change} />
        {preview.isError && <ErrorMessage {...errorView(preview.error)} testId="lf-preview-error" />}
        <div className="form__actions">
          <button type="button" className="btn" onClick={runPreview} disabled={preview.isPending} data-testid="lf-preview-button">
            {preview.isPending ? 'Previewing…' : 'Preview'}
          </button>
          <button type="submit" className="btn btn--primary" disabled={saving} data-testid="lf-save">
            {saving ? 'Saving…' : 'Save'}
          </button>
          {notice && (
            <span className="saved" data-testid="lf-saved">
              {notice}
            </span>
          )}
        </div>
      </form>
      {saveError && <ErrorMessage {...errorView(saveError)} testId="lf-save-error" />}
      {lf && (
        <LfVersionList
          projectId={projectId}
          lfId={lf.id}
          currentVersion={lf.current.version}
          labels={labels}
          onLoad={(definition) => change({ ...draftFromDefinition(definition, labels), name: draft.name, description: draft.description })}
        />
      )}
      {preview.isSuccess && <LfPreviewView preview={preview.data} labels={labels} stale={stale} />}
    </Card>
  );
}
