import { useState } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import type { ActivityEntry, ActivityOutcome } from '../../src-preload/contract';
import { Money } from '../money/Money';

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
        {copied ? '✓' : '⧉'}
      </button>
    </span>
  );
}

export const activityColumns: ColumnDef<ActivityEntry, unknown>[] = [
  { id: 'at', header: 'When', size: 170, cell: ({ row }) => new Date(row.original.at * 1000).toLocaleString() },
  { id: 'agent', header: 'Agent', size: 120, cell: ({ row }) => row.original.agent },
  { id: 'action', header: 'Action', size: 250, cell: ({ row }) => <span className="mono">{row.original.action}</span> },
  {
    id: 'object',
    header: 'Object',
    size: 210,
    cell: ({ row: { original: e } }) => (
      <span className="mono" title={e.resultId && e.resultId !== e.objectId ? `→ ${e.resultId}` : undefined}>
        {e.objectId}
        {e.resultId && e.resultId !== e.objectId ? ` → ${e.resultId}` : ''}
      </span>
    ),
  },
  {
    id: 'amount',
    header: 'Amount',
    size: 110,
    cell: ({ row }) => <Money amount={row.original.amount} currency={row.original.currency} className="amount" />,
  },
  { id: 'outcome', header: 'Outcome', size: 100, cell: ({ row }) => <OutcomeBadge outcome={row.original.outcome} /> },
  {
    id: 'request',
    header: 'Stripe request',
    size: 220,
    cell: ({ row }) => <CopyableId value={row.original.requestId} />,
  },
  {
    id: 'detail',
    header: 'Detail',
    cell: ({ row }) => <span title={row.original.detail ?? undefined}>{row.original.detail ?? ''}</span>,
  },
];
