import { useState } from 'react';
import { CloudDownload, CreditCard, FileText, Repeat, ShieldAlert, User, type LucideIcon } from 'lucide-react';
import type { Scope, SearchHit, SearchKind } from '../../src-preload/contract';
import { Overlay } from '../app/Overlay';
import { useUi, type View } from '../app/ui-store';
import { useDebouncedValue } from '../ui/use-debounced-value';
import { useCall } from '../ipc/client';
import { Money } from '../money/Money';
import { Badge } from '../ui/status-badge';
import { When } from '../ui/time';
import { mergeHits } from './merge-hits';
import './search.css';

const KIND: Record<SearchKind, { label: string; icon: LucideIcon }> = {
  customer: { label: 'Customer', icon: User },
  payment: { label: 'Payment', icon: CreditCard },
  invoice: { label: 'Invoice', icon: FileText },
  subscription: { label: 'Subscription', icon: Repeat },
  dispute: { label: 'Dispute', icon: ShieldAlert },
};

/** Where a hit opens: its own view, or (an invoice) its customer. */
function destination(hit: SearchHit): [View, string] | null {
  switch (hit.kind) {
    case 'customer':
      return ['customers', hit.id];
    case 'payment':
      return ['payments', hit.id];
    case 'subscription':
      return ['subscriptions', hit.id];
    case 'dispute':
      return ['disputes', hit.id];
    case 'invoice':
      return hit.customerId ? ['customers', hit.customerId] : null;
  }
}

/**
 * Search everything (`/`): customers, payments, invoices, subscriptions and disputes by id, email, amount or
 * last4. The local copy answers at once; while sync is still fetching, Stripe's Search API answers too and its
 * hits are marked as live.
 */
export function GlobalSearch({ scope, onClose }: { scope: Scope; onClose(): void }) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const query = useDebouncedValue(text.trim(), 100);
  const navigate = useUi((s) => s.navigate);
  const input = { scope, query, limit: 8 };
  const cached = useCall('search.everything', input, { enabled: query.length > 0 });
  const live = useCall('search.live', input, { enabled: query.length > 0, staleTime: 30_000 });
  const hits = query ? mergeHits(cached.data ?? [], live.data?.hits ?? []) : [];
  const current = Math.min(active, Math.max(0, hits.length - 1));

  const open = (hit: SearchHit | undefined) => {
    const target = hit && destination(hit);
    if (!target) return;
    onClose();
    navigate(...target);
  };

  return (
    <Overlay title="Search everything" onClose={onClose} className="global-search">
      <div className="overlay-body">
        <input
          type="search"
          className="global-search-input"
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls="global-search-results"
          aria-activedescendant={hits[current] ? `hit-${hits[current].id}` : undefined}
          aria-label="Search customers, payments, invoices, subscriptions and disputes"
          placeholder="Email, name, id, amount or card last4"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive(Math.min(current + 1, hits.length - 1));
            else if (e.key === 'ArrowUp') setActive(Math.max(current - 1, 0));
            else if (e.key === 'Enter') open(hits[current]);
            else return;
            e.preventDefault();
          }}
        />
        <p className="hint search-note" role="status" aria-live="polite">
          {!query
            ? 'Type to search the local copy; while sync is still fetching, Stripe is asked too.'
            : live.isFetching
              ? 'Asking Stripe for what sync hasn’t fetched yet…'
              : live.data?.note
                ? live.data.note
                : `${hits.length} found${live.data?.asked ? ', Stripe included' : ''}`}
        </p>
        <ul id="global-search-results" role="listbox" aria-label="Results" className="search-results">
          {hits.map((hit, index) => {
            const { label, icon: Icon } = KIND[hit.kind];
            return (
              <li
                key={hit.id}
                id={`hit-${hit.id}`}
                role="option"
                aria-selected={index === current}
                className={index === current ? 'active' : ''}
                onMouseEnter={() => setActive(index)}
                onClick={() => open(hit)}
              >
                <Icon size={16} aria-hidden="true" className="icon" />
                <span className="hit-kind">{label}</span>
                <span className="hit-title">{hit.title}</span>
                {hit.amount !== null ? <Money amount={hit.amount} currency={hit.currency} /> : null}
                {hit.status ? <Badge value={hit.status} /> : null}
                {hit.source === 'stripe' ? (
                  <span className="badge live-result" title="Found by Stripe’s Search API: sync hasn’t fetched it yet">
                    <CloudDownload size={12} aria-hidden="true" /> Live
                  </span>
                ) : null}
                <span className="hit-break" aria-hidden="true" />
                <span className="hit-detail hint">{hit.detail ?? hit.id}</span>
                <span className="hit-when hint">
                  <When seconds={hit.created} />
                </span>
              </li>
            );
          })}
        </ul>
      </div>
    </Overlay>
  );
}
