import { useEffect, useState } from 'react';
import { countdownText } from './review-words';

export interface SlaCountdownProps {
  /** ISO time the review is due. */
  deadline: string;
}

/** Time left before the review's SLA deadline, ticking each second; overdue in the error colour. */
export function SlaCountdown({ deadline }: SlaCountdownProps) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const due = Date.parse(deadline);
  return (
    <span className={due < now ? 'sla is-overdue' : 'sla'} title={`Due ${new Date(due).toLocaleString()}`} data-testid="sla-countdown">
      {countdownText(due, now)}
    </span>
  );
}
