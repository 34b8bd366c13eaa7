import type { ReactNode } from 'react';

export interface CardProps {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
}

export function Card({ title, actions, children, testId }: CardProps) {
  return (
    <section className="card" aria-label={title} data-testid={testId}>
      <header className="card__header">
        <h2>{title}</h2>
        {actions && <div className="card__actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}
