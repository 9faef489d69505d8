import type { DisputeStatus } from '../../src-preload/contract/disputes';
import { formatDay } from '../ui/time';
import { countdown, URGENCY_BADGE, URGENCY_LABEL, urgencyOf, useNowSeconds } from './urgency';

/** A live countdown to the response deadline with its urgency. */
export function DeadlineCell({ status, dueBy }: { status: DisputeStatus; dueBy: number | null }) {
  const now = useNowSeconds();
  const urgency = urgencyOf(status, dueBy, now);
  if (!dueBy) return <span className="hint">No response possible</span>;
  if (urgency === 'none') return <span className="hint">{formatDay(dueBy)}</span>;
  return (
    <span className={`deadline urgency-${urgency}`} title={new Date(dueBy * 1000).toLocaleString()}>
      {urgency !== 'later' ? <span className={`badge ${URGENCY_BADGE[urgency]}`}>{URGENCY_LABEL[urgency]}</span> : null}{' '}
      {countdown(dueBy, now)}
    </span>
  );
}
