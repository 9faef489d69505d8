import type { ColumnDef } from '@tanstack/react-table';
import type { ActivityEntry, ActivityOutcome } from '../../src-preload/contract';
import { amountColumn } from '../money/amount-column';
import { When } from '../ui/time';
import { CopyButton } from '../ui/copy';
import { Badge, type Tone } from '../ui/status-badge';
import { actionLabel } from '../ui/labels';

const OUTCOME_TONES: Record<ActivityOutcome, Tone> = {
  succeeded: 'green',
  failed: 'red',
  pending: 'orange',
  unknown: 'orange',
  recorded: 'blue',
};

export function OutcomeBadge({ outcome }: { outcome: ActivityOutcome }) {
  return <Badge value={outcome} tone={OUTCOME_TONES[outcome]} />;
}

/** Team mode: recorded while the team database was out of reach; it goes to the team's Activity when it answers. */
function NotSharedBadge() {
  return (
    <span
      className="badge grey not-shared"
      title="Recorded while the team database was out of reach. It is kept on this computer and added to the team’s Activity when the connection is back."
    >
      Not shared yet
    </span>
  );
}

/** A request id agents paste into a Stripe support ticket: one click copies it. */
export function CopyableId({ value }: { value: string | null }) {
  if (!value) return <span className="hint">—</span>;
  return (
    <span className="copyable">
      <span className="mono">{value}</span>
      <CopyButton value={value} what="request id" />
    </span>
  );
}

export const activityColumns: ColumnDef<ActivityEntry, unknown>[] = [
  { id: 'at', header: 'When', size: 165, cell: ({ row }) => <When seconds={row.original.at} /> },
  { id: 'agent', header: 'Agent', size: 100, meta: { priority: 3 }, cell: ({ row }) => row.original.agent },
  {
    id: 'action',
    header: 'Action',
    // Flexible: what was done, and why it failed, take the room the optional columns leave.
    meta: { minWidth: 220 },
    // The action in words, then the detail (Stripe's status, or why it failed); the tooltip has the ledger's code
    // (what an agent quotes) and the full detail.
    cell: ({ row: { original: e } }) => (
      <span title={e.detail ? `${e.action} — ${e.detail}` : e.action}>
        {e.unshared ? <NotSharedBadge /> : null}
        <span>{actionLabel(e.action)}</span>
        {e.outcome !== 'succeeded' && e.detail ? <span className="hint"> — {e.detail}</span> : null}
      </span>
    ),
  },
  {
    id: 'object',
    header: 'Object',
    size: 175,
    meta: { priority: 2 },
    cell: ({ row: { original: e } }) => {
      // A creation has no object before it ('new'): the one it made is the object.
      const shown = e.objectId === 'new' && e.resultId ? e.resultId : e.objectId;
      const result = e.resultId && e.resultId !== shown ? ` → ${e.resultId}` : '';
      return (
        <span className="mono" title={`${shown}${result}`}>
          {shown}
          {result}
        </span>
      );
    },
  },
  { ...amountColumn<ActivityEntry>(100), meta: { priority: 2, hasValue: (e) => e.amount !== null } },
  {
    id: 'outcome',
    header: 'Outcome',
    size: 110,
    cell: ({ row }) => (
      <span title={row.original.detail ?? undefined}>
        <OutcomeBadge outcome={row.original.outcome} />
      </span>
    ),
  },
  {
    id: 'request',
    header: 'Stripe request',
    size: 210,
    meta: { priority: 4 },
    cell: ({ row }) => <CopyableId value={row.original.requestId} />,
  },
];
