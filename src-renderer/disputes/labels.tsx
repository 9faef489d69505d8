import type { DisputeStatus, ReviewState } from '../../src-preload/contract/disputes';
import { humanLabel } from '../ui/labels';
import { formatDateTime } from '../ui/time';

export const STATUS_BADGE: Record<DisputeStatus, string> = {
  warning_needs_response: 'orange',
  needs_response: 'red',
  under_review: 'blue',
  warning_under_review: 'blue',
  won: 'green',
  lost: 'grey',
  warning_closed: 'grey',
  prevented: 'green',
};

export const REVIEW_LABEL: Record<ReviewState, string> = {
  unreviewed: 'Unreviewed',
  reviewed: 'Reviewed',
  flagged: 'Flagged',
  needs_info: 'Needs info',
};

export const REVIEW_BADGE: Record<ReviewState, string> = {
  unreviewed: 'grey',
  reviewed: 'green',
  flagged: 'red',
  needs_info: 'orange',
};

export function StatusBadge({ status }: { status: DisputeStatus }) {
  return (
    <span className={`badge ${STATUS_BADGE[status] ?? 'grey'}`} title={status}>
      {humanLabel(status)}
    </span>
  );
}

export const formatDate = formatDateTime;
