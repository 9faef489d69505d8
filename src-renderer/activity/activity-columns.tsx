import { useState } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import type { ActivityEntry, ActivityOutcome } from '../../src-preload/contract';
import { amountColumn } from '../money/amount-column';
import { When } from '../ui/time';

const OUTCOME_TONES: Record<ActivityOutcome, string> = {
  succeeded: 'green',
  failed: 'red',
  pending: 'orange',
  unknown: 'orange',
  recorded: 'blue',
};

export function OutcomeBadge({ outcome }: { outcome: ActivityOutcome }) {
  return <span className={`badge ${OUTCOME_TONES[outcome]}`}>{outcome}</span>;
}

/** Team mode: recorded while the team database was out of reach; it goes to the team's Activity when it answers. */
function NotSharedBadge() {
  return (
    <span
      className="badge grey not-shared"
      title="Recorded while the team database was out of reach. It is kept on this computer and added to the team’s Activity when the connection is back."
    >
      not shared yet
    </span>
  );
}

/** A request id agents paste into a Stripe support ticket: one click copies it. */
function CopyableId({ value }: { value: string | null }) {
  const [copied, setCopied] = useState(false);
  if (!value) return <span className="hint">—</span>;
  const copy = async () => {
    await navigator.clipboard.writeText(value);
    setCopied(true);
  };
  return (
    <span className="copyable">
      <span className="mono">{value}</span>
      <button
        type="button"
        className="copy-button"
        aria-label={`Copy ${value}`}
        title="Copy request id"
        onClick={(e) => {
          e.stopPropagation();
          void copy();
        }}
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </span>
  );
}

export const activityColumns: ColumnDef<ActivityEntry, unknown>[] = [
  { id: 'at', header: 'When', size: 165, cell: ({ row }) => <When seconds={row.original.at} /> },
  { id: 'agent', header: 'Agent', size: 100, cell: ({ row }) => row.original.agent },
  {
    id: 'action',
    header: 'Action',
    size: 315,
    // The detail (Stripe's status, or why it failed) follows the action; the full text is in the tooltip.
    cell: ({ row: { original: e } }) => (
      <span title={e.detail ? `${e.action} — ${e.detail}` : e.action}>
        {e.unshared ? <NotSharedBadge /> : null}
        <span className="mono">{e.action}</span>
        {e.outcome !== 'succeeded' && e.detail ? <span className="hint"> — {e.detail}</span> : null}
      </span>
    ),
  },
  {
    id: 'object',
    header: 'Object',
    size: 175,
    cell: ({ row: { original: e } }) => {
      const result = e.resultId && e.resultId !== e.objectId ? ` → ${e.resultId}` : '';
      return (
        <span className="mono" title={`${e.objectId}${result}`}>
          {e.objectId}
          {result}
        </span>
      );
    },
  },
  amountColumn(100),
  {
    id: 'outcome',
    header: 'Outcome',
    size: 95,
    cell: ({ row }) => (
      <span title={row.original.detail ?? undefined}>
        <OutcomeBadge outcome={row.original.outcome} />
      </span>
    ),
  },
  {
    id: 'request',
    header: 'Stripe request',
    size: 180,
    cell: ({ row }) => <CopyableId value={row.original.requestId} />,
  },
];
