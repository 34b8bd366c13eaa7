export interface FieldErrorProps {
  text: string | undefined;
}

export function FieldError({ text }: FieldErrorProps) {
  return text ? <span className="field-error">{text}</span> : null;
}
