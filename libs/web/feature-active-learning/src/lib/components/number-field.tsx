export interface NumberFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  min?: number;
  max?: number;
  /** "any" for fractions; whole numbers by default. */
  step?: number | 'any';
  placeholder?: string;
  disabled?: boolean;
  testId: string;
}

/** A labelled number input with its field error under it. */
export function NumberField({ label, value, onChange, error, min, max, step = 1, placeholder, disabled, testId }: NumberFieldProps) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="number"
        min={min}
        max={max}
        step={step}
        value={value}
        placeholder={placeholder}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={Boolean(error)}
        data-testid={testId}
      />
      {error && <span className="field-error">{error}</span>}
    </label>
  );
}
