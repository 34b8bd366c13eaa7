export interface ErrorDetail {
  path: string;
  message: string;
}

export interface ErrorMessageProps {
  message: string;
  details?: ErrorDetail[];
  testId?: string;
}

export function ErrorMessage({ message, details = [], testId = 'error' }: ErrorMessageProps) {
  return (
    <div className="alert alert--error" role="alert" data-testid={testId}>
      <strong>{message}</strong>
      {details.length > 0 && (
        <ul>
          {details.map((d, i) => (
            <li key={i}>
              {d.path && <code>{d.path}</code>} {d.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
