// Checks an LF definition that may come from JSON (a request body, a stored row) before it is compiled, so a bad
// definition fails once with a typed error naming the property, never per item.
import {
  COMPARISON_OPS,
  type ComparisonOp,
  LF_KINDS,
  type LfDefinition,
  type LfKind,
  MAX_LABEL,
} from './lf-definitions';
import { LfDefinitionError, LfDefinitionErrorCode as Code } from './lf-definition.error';
import { compileLinearRegex } from './linear-regex';
import { isPythonSpace } from './split-words';

export function validateLfDefinition(input: unknown): LfDefinition {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new LfDefinitionError(Code.NotAnObject, '', 'an LF definition must be an object');
  }
  const def = input as Record<string, unknown>;
  const kind = def['kind'];
  if (typeof kind !== 'string' || !LF_KINDS.includes(kind as LfKind)) {
    throw new LfDefinitionError(Code.UnknownKind, 'kind', `unknown LF kind ${JSON.stringify(kind)}; expected one of ${LF_KINDS.join(', ')}`);
  }
  // A model LF may leave the label to the model.
  if (kind !== 'model' || def['label'] !== undefined) checkLabel(def['label']);
  switch (kind as LfKind) {
    case 'keyword':
      checkKeywords(def['keywords'], def['match']);
      break;
    case 'regex':
      compileLinearRegex(def['pattern'], def['flags']);
      break;
    case 'threshold':
      if (typeof def['field'] !== 'string' || def['field'] === '') {
        throw new LfDefinitionError(Code.InvalidField, 'field', 'field must name a metadata field');
      }
      checkComparison(def['op'], def['value']);
      break;
    case 'word-count':
      checkComparison(def['op'], def['value']);
      break;
    case 'model': {
      const version = def['modelVersion'];
      if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
        throw new LfDefinitionError(Code.InvalidModelVersion, 'modelVersion', 'modelVersion must be a model version (an integer from 1)');
      }
      const confidence = def['minConfidence'];
      if (typeof confidence !== 'number' || !(confidence >= 0 && confidence <= 1)) {
        throw new LfDefinitionError(Code.InvalidConfidence, 'minConfidence', 'minConfidence must be a probability from 0 to 1');
      }
      break;
    }
  }
  return def as unknown as LfDefinition;
}

function checkLabel(label: unknown): void {
  if (typeof label !== 'number' || !Number.isInteger(label) || label < 0 || label > MAX_LABEL) {
    throw new LfDefinitionError(Code.InvalidLabel, 'label', `label must be an integer from 0 to ${MAX_LABEL}`);
  }
}

function checkKeywords(keywords: unknown, match: unknown): void {
  if (match !== undefined && match !== 'word' && match !== 'substring') {
    throw new LfDefinitionError(Code.InvalidMatch, 'match', 'match must be "word" or "substring"');
  }
  if (!Array.isArray(keywords) || keywords.length === 0) {
    throw new LfDefinitionError(Code.InvalidKeywords, 'keywords', 'keywords must be a non-empty array of strings');
  }
  for (const [i, keyword] of keywords.entries()) {
    if (typeof keyword !== 'string' || keyword === '') {
      throw new LfDefinitionError(Code.InvalidKeywords, `keywords[${i}]`, 'a keyword must be a non-empty string');
    }
    // A word never contains whitespace, so such a keyword could never vote.
    if (match !== 'substring' && [...keyword].some((ch) => isPythonSpace(ch.charCodeAt(0)))) {
      throw new LfDefinitionError(Code.InvalidKeywords, `keywords[${i}]`, `keyword "${keyword}" contains whitespace, so it never equals a word`);
    }
  }
}

function checkComparison(op: unknown, value: unknown): asserts op is ComparisonOp {
  if (typeof op !== 'string' || !(COMPARISON_OPS as readonly string[]).includes(op)) {
    throw new LfDefinitionError(Code.InvalidOperator, 'op', `op must be one of ${COMPARISON_OPS.join(' ')}`);
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new LfDefinitionError(Code.InvalidValue, 'value', 'value must be a finite number');
  }
}
