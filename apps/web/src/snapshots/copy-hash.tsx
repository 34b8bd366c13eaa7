import { useState } from 'react';
import { shortHash } from './snapshot-words';

export interface CopyHashProps {
  hash: string;
  testId: string;
}

/** A content hash shortened to 12 digits (the whole one in its title), with a button that copies the whole hash. */
export function CopyHash({ hash, testId }: CopyHashProps) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () => {
    // The clipboard needs a secure context; elsewhere the full hash is still in the title to select by hand.
    if (!navigator.clipboard) return setCopied('failed');
    navigator.clipboard.writeText(hash).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <span className="copy-hash">
      <code title={hash} data-testid={testId} data-hash={hash}>
        {shortHash(hash)}
      </code>{' '}
      <button type="button" className="btn btn--ghost btn--small" onClick={copy} aria-label={`Copy the content hash ${hash}`}>
        {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Copy failed' : 'Copy'}
      </button>
    </span>
  );
}
