import type { ActivityEntry } from '../../src-preload/contract';
import { CloseButton } from '../app/CloseButton';
import { useUi, type View } from '../app/ui-store';
import { Money } from '../money/Money';
import { CopyButton } from '../ui/copy';
import { actionLabel } from '../ui/labels';
import { When } from '../ui/time';
import { CopyableId, OutcomeBadge } from './activity-columns';
import '../ui/finance-detail.css';

/** The views an object id opens in, by its prefix. */
const VIEW_OF_PREFIX: [string, View][] = [
  ['cus_', 'customers'],
  ['pi_', 'payments'],
  ['sub_', 'subscriptions'],
  ['in_', 'invoices'],
  ['dp_', 'disputes'],
  ['du_', 'disputes'],
];

/** An id: a link to its pane when a view shows that kind of object, copyable either way. */
function ObjectId({ id }: { id: string }) {
  const drillDown = useUi((s) => s.drillDown);
  const view = VIEW_OF_PREFIX.find(([prefix]) => id.startsWith(prefix))?.[1];
  return (
    <span className="copyable">
      {view ? (
        <button type="button" className="link mono" onClick={() => drillDown(view, id)}>
          {id}
        </button>
      ) : (
        <span className="mono">{id}</span>
      )}
      <CopyButton value={id} what="id" />
    </span>
  );
}

/**
 * One Activity entry whole: what the list cuts (Stripe's answer, why it failed, the request id) in full, readable by
 * keyboard without a tooltip, and the object it concerns one click away.
 */
export function ActivityDetail({ entry: e, onClose }: { entry: ActivityEntry; onClose(): void }) {
  const objectId = e.objectId === 'new' ? null : e.objectId;
  return (
    <section className="finance-detail panel" data-testid="activity-detail">
      <header className="detail-header">
        <h2 title={e.action}>{actionLabel(e.action)}</h2>
        <CloseButton label="Close activity entry" onClick={onClose} />
      </header>
      <dl className="facts">
        <dt>Action code</dt>
        <dd className="mono">{e.action}</dd>
        <dt>Outcome</dt>
        <dd>
          <OutcomeBadge outcome={e.outcome} />
        </dd>
        <dt>When</dt>
        <dd>
          <When seconds={e.at} />
        </dd>
        <dt>Agent</dt>
        <dd>{e.agent}</dd>
        {objectId ? (
          <>
            <dt>Object</dt>
            <dd>
              <ObjectId id={objectId} />
            </dd>
          </>
        ) : null}
        {e.resultId && e.resultId !== objectId ? (
          <>
            <dt>{objectId ? 'Result' : 'Created'}</dt>
            <dd>
              <ObjectId id={e.resultId} />
            </dd>
          </>
        ) : null}
        {e.amount !== null ? (
          <>
            <dt>Amount</dt>
            <dd>
              <Money amount={e.amount} currency={e.currency} />
            </dd>
          </>
        ) : null}
        {e.detail ? (
          <>
            <dt>{e.outcome === 'succeeded' ? 'Stripe’s answer' : 'Why'}</dt>
            <dd>{e.detail}</dd>
          </>
        ) : null}
        <dt>Stripe request</dt>
        <dd>
          <CopyableId value={e.requestId} />
        </dd>
      </dl>
      {e.unshared ? (
        <p className="hint">
          Recorded while the team database was out of reach: kept on this computer, and added to the team’s Activity
          when the connection is back.
        </p>
      ) : null}
    </section>
  );
}
