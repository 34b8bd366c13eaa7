import { Fragment } from 'react';
import { guidelinesBlocks } from './guidelines-blocks';

export interface GuidelinesPanelProps {
  text: string;
}

export function GuidelinesPanel({ text }: GuidelinesPanelProps) {
  const blocks = guidelinesBlocks(text);
  return (
    <aside className="guidelines" aria-label="Guidelines" data-testid="guidelines">
      <h2>Guidelines</h2>
      {blocks.length === 0 && <p className="muted">This project has no guidelines.</p>}
      {blocks.map((b, i) => {
        if (b.kind === 'heading') return <h3 key={i}>{b.text}</h3>;
        if (b.kind === 'list')
          return (
            <ul key={i}>
              {b.items.map((item, j) => (
                <li key={j}>{item}</li>
              ))}
            </ul>
          );
        return (
          <p key={i}>
            {b.lines.map((line, j) => (
              <Fragment key={j}>
                {j > 0 && <br />}
                {line}
              </Fragment>
            ))}
          </p>
        );
      })}
    </aside>
  );
}
