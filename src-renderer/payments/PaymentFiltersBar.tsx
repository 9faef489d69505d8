import { useState } from 'react';
import { parseMoney } from '../../src-preload/contract/money';
import { DateRangeInputs } from '../ui/DateRangeInputs';

/** When, how much and in which currency; what the payments list and its CSV are narrowed by. */
export interface PaymentFilters {
  createdFrom?: number;
  createdTo?: number;
  currency?: string;
  amountMin?: number;
  amountMax?: number;
}

/**
 * Date range, currency and amount range. An amount means something only in a currency (100 JPY ≠ 1.00 USD), so
 * the amount fields wait for one; what is typed is read in that currency's own precision.
 */
export function PaymentFiltersBar({
  filters,
  onChange,
}: {
  filters: PaymentFilters;
  onChange(next: PaymentFilters): void;
}) {
  const [currencyText, setCurrencyText] = useState(filters.currency ?? '');
  const [amounts, setAmounts] = useState({ min: '', max: '' });
  const currency = /^[a-z]{3}$/i.test(currencyText) ? currencyText.toLowerCase() : undefined;

  const apply = (next: { currency?: string | undefined; min?: string; max?: string; from?: number; to?: number }) => {
    const cur = 'currency' in next ? next.currency : currency;
    const min = next.min ?? amounts.min;
    const max = next.max ?? amounts.max;
    const result: PaymentFilters = {};
    const from = 'from' in next ? next.from : filters.createdFrom;
    const to = 'to' in next ? next.to : filters.createdTo;
    if (from !== undefined) result.createdFrom = from;
    if (to !== undefined) result.createdTo = to;
    if (cur) {
      result.currency = cur;
      const lo = min ? parseMoney(min, cur) : null;
      const hi = max ? parseMoney(max, cur) : null;
      if (lo !== null) result.amountMin = lo;
      if (hi !== null) result.amountMax = hi;
    }
    onChange(result);
  };
  const invalid = (text: string) => Boolean(text && currency && parseMoney(text, currency) === null);

  return (
    <div className="toolbar filters" role="group" aria-label="Payment filters">
      <DateRangeInputs
        range={{ from: filters.createdFrom, to: filters.createdTo }}
        onChange={({ from, to }) => apply({ from, to })}
      />
      <label className="inline">
        Currency
        <input
          className="currency-input"
          placeholder="ANY"
          maxLength={3}
          value={currencyText}
          onChange={(e) => {
            setCurrencyText(e.target.value);
            const code = /^[a-z]{3}$/i.test(e.target.value) ? e.target.value.toLowerCase() : undefined;
            if (code || e.target.value === '') apply({ currency: code });
          }}
        />
      </label>
      <label
        className="inline"
        title={currency ? undefined : 'Choose a currency first: an amount means money only in one'}
      >
        Amount
        <input
          className="amount-input"
          inputMode="decimal"
          placeholder="min"
          aria-label="Minimum amount"
          disabled={!currency}
          aria-invalid={invalid(amounts.min)}
          value={amounts.min}
          onChange={(e) => {
            setAmounts({ ...amounts, min: e.target.value });
            apply({ min: e.target.value });
          }}
        />
        –
        <input
          className="amount-input"
          inputMode="decimal"
          placeholder="max"
          aria-label="Maximum amount"
          disabled={!currency}
          aria-invalid={invalid(amounts.max)}
          value={amounts.max}
          onChange={(e) => {
            setAmounts({ ...amounts, max: e.target.value });
            apply({ max: e.target.value });
          }}
        />
      </label>
    </div>
  );
}
