import { useState } from 'react';
import {
  DISPUTE_REASONS,
  DISPUTE_STATUSES,
  REVIEW_STATES,
  type DisputeFilter,
  type DisputeStatus,
  type ReviewState,
} from '../../src-preload/contract/disputes';
import { formatMoney, parseMoney } from '../../src-preload/contract/money';
import { humanLabel } from '../ui/labels';
import { REVIEW_LABEL } from './labels';

interface Props {
  filter: DisputeFilter;
  currencies: string[];
  onChange(filter: DisputeFilter): void;
}

const toggle = <T,>(list: T[] | undefined, value: T): T[] =>
  list?.includes(value) ? list.filter((v) => v !== value) : [...(list ?? []), value];

/** Status chips, reason, currency, amount range (in the chosen currency) and the local review state. */
export function DisputeFilters({ filter, currencies, onChange }: Props) {
  const set = (patch: Partial<DisputeFilter>) => {
    const next: Record<string, unknown> = { ...filter, ...patch };
    for (const key of Object.keys(next))
      if (next[key] === undefined || (Array.isArray(next[key]) && !(next[key] as unknown[]).length)) delete next[key];
    onChange(next as DisputeFilter);
  };
  return (
    <div className="dispute-filters panel" role="group" aria-label="Filters">
      <div className="chips" role="group" aria-label="Status">
        {DISPUTE_STATUSES.filter((s) => s !== 'prevented').map((status: DisputeStatus) => (
          <button
            key={status}
            type="button"
            className={`chip ${filter.statuses?.includes(status) ? 'on' : ''}`}
            aria-pressed={filter.statuses?.includes(status) ?? false}
            data-testid={`status-filter-${status}`}
            onClick={() => set({ statuses: toggle(filter.statuses, status) })}
          >
            {humanLabel(status)}
          </button>
        ))}
      </div>
      <div className="filter-row">
        <label className="inline">
          Reason
          <select
            value={filter.reasons?.[0] ?? ''}
            onChange={(e) => set({ reasons: e.target.value ? [e.target.value] : undefined })}
          >
            <option value="">Any</option>
            {DISPUTE_REASONS.map((r) => (
              <option key={r} value={r}>
                {humanLabel(r)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          Currency
          <select
            value={filter.currency ?? ''}
            onChange={(e) => set({ currency: e.target.value || undefined, amountMin: undefined, amountMax: undefined })}
          >
            <option value="">Any</option>
            {currencies.map((c) => (
              <option key={c} value={c}>
                {c.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <AmountInput
          label="Min"
          currency={filter.currency}
          value={filter.amountMin}
          onChange={(amountMin) => set({ amountMin })}
        />
        <AmountInput
          label="Max"
          currency={filter.currency}
          value={filter.amountMax}
          onChange={(amountMax) => set({ amountMax })}
        />
        <label className="inline">
          Review
          <select
            value={filter.reviews?.[0] ?? ''}
            onChange={(e) => set({ reviews: e.target.value ? [e.target.value as ReviewState] : undefined })}
          >
            <option value="">Any</option>
            {REVIEW_STATES.map((r) => (
              <option key={r} value={r}>
                {REVIEW_LABEL[r]}
              </option>
            ))}
          </select>
        </label>
        {Object.keys(filter).length ? (
          <button type="button" className="secondary" onClick={() => onChange({})}>
            Clear filters
          </button>
        ) : null}
      </div>
    </div>
  );
}

/** An amount bound, typed in major units of the chosen currency and kept as minor units. */
function AmountInput({
  label,
  currency,
  value,
  onChange,
}: {
  label: string;
  currency?: string;
  value?: number;
  onChange(v?: number): void;
}) {
  const [text, setText] = useState(
    value !== undefined && currency ? formatMoney(value, currency).replace(/[^\d.,]/g, '') : '',
  );
  const invalid = !!text && !!currency && parseMoney(text, currency) === null;
  return (
    <label className="inline" title={currency ? undefined : 'Choose a currency to filter by amount'}>
      {label}
      <input
        className={`amount-input ${invalid ? 'invalid' : ''}`}
        inputMode="decimal"
        disabled={!currency}
        placeholder={currency ? currency.toUpperCase() : '—'}
        value={currency ? text : ''}
        aria-invalid={invalid}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = currency && e.target.value.trim() ? parseMoney(e.target.value, currency) : null;
          if (!e.target.value.trim()) onChange(undefined);
          else if (parsed !== null) onChange(parsed);
        }}
      />
    </label>
  );
}
