import { useState } from 'react';
import type { CustomerFilters } from '../../src-preload/contract';
import { DateRangeInputs } from '../ui/DateRangeInputs';

type TriState = 'any' | 'yes' | 'no';
const toTri = (v: boolean | undefined): TriState => (v === undefined ? 'any' : v ? 'yes' : 'no');
const fromTri = (v: string): boolean | undefined => (v === 'any' ? undefined : v === 'yes');

/** Filters applied in SQL in main; each change starts again from the first page. */
export function CustomerFiltersBar({
  filters,
  onChange,
}: {
  filters: CustomerFilters;
  onChange(next: CustomerFilters): void;
}) {
  // What is typed; the filter applies once it is a whole currency code.
  const [currencyText, setCurrencyText] = useState(filters.currency ?? '');
  const set = <K extends keyof CustomerFilters>(key: K, value: CustomerFilters[K] | undefined) => {
    const next = { ...filters };
    if (value === undefined) delete next[key];
    else next[key] = value;
    onChange(next);
  };
  const tri = (label: string, key: 'delinquent' | 'hasActiveSubscription' | 'hasOpenDispute') => (
    <label className="inline">
      {label}
      <select value={toTri(filters[key])} onChange={(e) => set(key, fromTri(e.target.value))}>
        <option value="any">any</option>
        <option value="yes">yes</option>
        <option value="no">no</option>
      </select>
    </label>
  );
  return (
    <div className="toolbar filters" role="group" aria-label="Filters">
      {tri('Delinquent', 'delinquent')}
      {tri('Active subscription', 'hasActiveSubscription')}
      {tri('Open dispute', 'hasOpenDispute')}
      <label className="inline">
        Currency
        <input
          className="currency-input"
          value={currencyText}
          maxLength={3}
          placeholder="any"
          aria-label="Currency"
          onChange={(e) => {
            const code = e.target.value.toLowerCase();
            setCurrencyText(code);
            set('currency', /^[a-z]{3}$/.test(code) ? code : undefined);
          }}
        />
      </label>
      <DateRangeInputs
        fromLabel="Created from"
        range={{ from: filters.createdFrom, to: filters.createdTo }}
        onChange={({ from, to }) => {
          const { createdFrom: _from, createdTo: _to, ...rest } = filters;
          onChange({
            ...rest,
            ...(from !== undefined ? { createdFrom: from } : {}),
            ...(to !== undefined ? { createdTo: to } : {}),
          });
        }}
      />
      {Object.keys(filters).length > 0 ? (
        <button
          type="button"
          className="secondary small"
          onClick={() => {
            setCurrencyText('');
            onChange({});
          }}
        >
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
