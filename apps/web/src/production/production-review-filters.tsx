import type { ReviewFilters } from './use-production-review-queue';

export interface ProductionReviewFiltersProps {
  labels: readonly string[];
  /** Model versions with open reviews, most first. */
  modelVersions: readonly { version: string; count: number }[];
  value: ReviewFilters;
  onChange: (f: ReviewFilters) => void;
}

/** Which reviews to claim: by model version and by the label the model suggested. A choice hands the keys back. */
export function ProductionReviewFilters({ labels, modelVersions, value, onChange }: ProductionReviewFiltersProps) {
  // The filtered version may have no open review left; it stays selectable.
  const versions = value.modelVersion !== undefined && !modelVersions.some((v) => v.version === value.modelVersion)
    ? [...modelVersions, { version: value.modelVersion, count: 0 }]
    : modelVersions;
  return (
    <div className="review-meta production-reviews__filters">
      <label>
        Model version{' '}
        <select
          data-testid="filter-model-version"
          value={value.modelVersion ?? ''}
          onChange={(e) => {
            e.currentTarget.blur();
            onChange({ ...value, modelVersion: e.currentTarget.value || undefined });
          }}
        >
          <option value="">all</option>
          {versions.map((v) => (
            <option key={v.version} value={v.version}>
              {v.version} ({v.count} open)
            </option>
          ))}
        </select>
      </label>
      <label>
        Model’s label{' '}
        <select
          data-testid="filter-label"
          value={value.label ?? ''}
          onChange={(e) => {
            e.currentTarget.blur();
            onChange({ ...value, label: e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value) });
          }}
        >
          <option value="">all</option>
          {labels.map((name, id) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
