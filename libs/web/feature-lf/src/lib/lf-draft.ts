// The LF editor's form state (every field as typed), and its translation into a definition and a create or update
// request checked by the shared contracts. Labels are the project's label indices; the form keeps them as text.
import {
  createLfRequestSchema,
  lfDefinitionSchema,
  thresholdLfSchema,
  type CreateLfRequest,
  type Lf,
  type LfDefinitionDto,
  type LfKindName,
  type UpdateLfRequest,
} from '@arbiter/contracts';
import { compileLinearRegex, LfDefinitionError } from '@arbiter/domain/lf';
import { keywordsText, parseKeywords } from './keywords';

export const COMPARISON_OPS = thresholdLfSchema.shape.op.options;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];
export type KeywordMatch = 'word' | 'substring';

export interface LfDraft {
  name: string;
  description: string;
  kind: LfKindName;
  /** The label's index as the select's value; '' until one is chosen. */
  label: string;
  /** Comma-separated, or one per line. */
  keywords: string;
  match: KeywordMatch;
  pattern: string;
  flags: string;
  /** Threshold: a top-level metadata field. */
  field: string;
  /** Threshold and word count share the comparison. */
  op: ComparisonOp;
  value: string;
  source: string;
  /** Model: the pinned model version, and the least probability its label needs to vote. */
  modelVersion: string;
  minConfidence: string;
}

/** Field errors keyed by the draft field they belong to (`name`, `label`, `keywords`, `source`, …). */
export type DraftErrors = Partial<Record<keyof LfDraft, string>>;

export type DraftResult<T> = { ok: true; value: T } | { ok: false; errors: DraftErrors };

interface NamedLabel {
  name: string;
}

/** A code LF to start from: what the function gets, the project's label indices, and one rule. */
export function codeTemplate(labels: readonly NamedLabel[]): string {
  const names = labels.map((l, i) => `${i} = ${l.name.replace(/\s+/g, ' ')}`).join(', ');
  return [
    '// Return a label index or ABSTAIN. The item has text, metadata and id.',
    `// Labels: ${names}`,
    '(item) => /check out/i.test(item.text) ? 0 : ABSTAIN',
  ].join('\n');
}

export function emptyLfDraft(labels: readonly NamedLabel[]): LfDraft {
  return {
    name: '',
    description: '',
    kind: 'keyword',
    label: '',
    keywords: '',
    match: 'word',
    pattern: '',
    flags: 'i',
    field: '',
    op: '>=',
    value: '',
    source: codeTemplate(labels),
    modelVersion: '',
    minConfidence: '0.9',
  };
}

/** The draft of a saved LF: its current version's definition, and the template for the kinds it is not. */
export function draftFromLf(lf: Pick<Lf, 'name' | 'description' | 'current'>, labels: readonly NamedLabel[]): LfDraft {
  return { ...draftFromDefinition(lf.current.definition, labels), name: lf.name, description: lf.description };
}

export function draftFromDefinition(def: LfDefinitionDto, labels: readonly NamedLabel[]): LfDraft {
  const base = { ...emptyLfDraft(labels), kind: def.kind };
  switch (def.kind) {
    case 'keyword':
      return { ...base, keywords: keywordsText(def.keywords), match: def.match, label: String(def.label) };
    case 'regex':
      return { ...base, pattern: def.pattern, flags: def.flags, label: String(def.label) };
    case 'threshold':
      return { ...base, field: def.field, op: def.op, value: String(def.value), label: String(def.label) };
    case 'word-count':
      return { ...base, op: def.op, value: String(def.value), label: String(def.label) };
    case 'code':
      return { ...base, source: def.source };
    case 'model':
      return {
        ...base,
        modelVersion: String(def.modelVersion),
        minConfidence: String(def.minConfidence),
        label: def.label === undefined ? '' : String(def.label),
      };
  }
}

/** The definition the draft describes, checked by the contract, the label against the project's, and the regex compiled. */
export function toLfDefinition(d: LfDraft, labelCount: number): DraftResult<LfDefinitionDto> {
  const label = d.label.trim() === '' ? Number.NaN : Number(d.label);
  const value = d.value.trim() === '' ? Number.NaN : Number(d.value);
  const raw = {
    keyword: () => ({ kind: d.kind, keywords: parseKeywords(d.keywords), match: d.match, label }),
    regex: () => ({ kind: d.kind, pattern: d.pattern, flags: d.flags.trim(), label }),
    threshold: () => ({ kind: d.kind, field: d.field.trim(), op: d.op, value, label }),
    'word-count': () => ({ kind: d.kind, op: d.op, value, label }),
    code: () => ({ kind: d.kind, source: d.source }),
    // No label chosen: the model's own label votes.
    model: () => ({ kind: d.kind, modelVersion: numberOrNaN(d.modelVersion), minConfidence: numberOrNaN(d.minConfidence), ...(d.label.trim() === '' ? {} : { label }) }),
  }[d.kind]();
  const errors: DraftErrors = {};
  if (d.kind === 'code' && d.source.trim() === '') errors.source = 'Write the function';
  if (d.kind !== 'code' && Number.isInteger(label) && (label < 0 || label >= labelCount)) errors.label = 'Choose one of the project’s labels';
  const parsed = lfDefinitionSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'kind') as keyof LfDraft;
      errors[field] ??= friendlyMessage(field, issue.code, issue.message);
    }
  } else if (parsed.data.kind === 'regex') {
    const regexError = checkRegex(parsed.data.pattern, parsed.data.flags);
    if (regexError) errors[regexError.field] = regexError.message;
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: parsed.data };
}

/** The server's own check (the RE2 engine regex LFs run on), so the editor refuses what a save would. */
function checkRegex(pattern: string, flags: string): { field: 'pattern' | 'flags'; message: string } | null {
  try {
    compileLinearRegex(pattern, flags);
    return null;
  } catch (err) {
    if (!(err instanceof LfDefinitionError)) throw err;
    const message = err.message.charAt(0).toUpperCase() + err.message.slice(1);
    return { field: err.path === 'flags' ? 'flags' : 'pattern', message };
  }
}

function friendlyMessage(field: keyof LfDraft, code: string, message: string): string {
  if (field === 'label') return 'Choose a label';
  if (field === 'value') return 'A number';
  if (field === 'keywords' && code === 'too_small') return 'Enter at least one keyword';
  if (field === 'keywords' && code === 'too_big') return 'At most 500 keywords of at most 200 characters each';
  if (field === 'field' && code === 'too_small') return 'Name a metadata field';
  if (field === 'pattern' && code === 'too_small') return 'Required';
  if (field === 'source' && code === 'too_small') return 'Write the function';
  if (field === 'modelVersion') return 'A model version: 1, 2, …';
  if (field === 'minConfidence') return 'A probability from 0 to 1';
  return message;
}

function numberOrNaN(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

function checkNameAndDescription(d: LfDraft): DraftErrors {
  const errors: DraftErrors = {};
  const name = createLfRequestSchema.shape.name.safeParse(d.name);
  if (!name.success) errors.name = d.name.trim() === '' ? 'Required' : 'At most 100 characters';
  if (!createLfRequestSchema.shape.description.safeParse(d.description).success) errors.description = 'At most 2000 characters';
  return errors;
}

export function toCreateLfRequest(d: LfDraft, labelCount: number): DraftResult<CreateLfRequest> {
  const definition = toLfDefinition(d, labelCount);
  const errors = { ...checkNameAndDescription(d), ...(definition.ok ? {} : definition.errors) };
  if (!definition.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { name: d.name.trim(), description: d.description, definition: definition.value } };
}

/** Only what changed; `null` when nothing did. A changed definition makes the LF's next version. */
export function toUpdateLfRequest(d: LfDraft, lf: Pick<Lf, 'name' | 'description' | 'current'>, labelCount: number): DraftResult<UpdateLfRequest | null> {
  const definition = toLfDefinition(d, labelCount);
  const errors = { ...checkNameAndDescription(d), ...(definition.ok ? {} : definition.errors) };
  if (!definition.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  const body: UpdateLfRequest = {};
  if (d.name.trim() !== lf.name) body.name = d.name.trim();
  if (d.description !== lf.description) body.description = d.description;
  if (!sameDefinition(definition.value, lf.current.definition)) body.definition = definition.value;
  return { ok: true, value: Object.keys(body).length > 0 ? body : null };
}

/** Equal as stored: the same fields and values, whatever their order. */
export function sameDefinition(a: LfDefinitionDto, b: LfDefinitionDto): boolean {
  const canonical = (x: LfDefinitionDto) => JSON.stringify(x, Object.keys(x).sort());
  return canonical(a) === canonical(b);
}
