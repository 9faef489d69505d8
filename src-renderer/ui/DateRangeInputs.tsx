import { fromDateInput, lastDayInput, toDateInput } from './date-input';

/** Whole local days, in unix seconds: `from` at the first day's midnight, `to` at the midnight after the last. */
export interface DayRange {
  from?: number | undefined;
  to?: number | undefined;
}

/**
 * The From/To pair of date inputs every list's filters use. Each bounds the other, so a range can't run backwards;
 * an emptied input drops its bound.
 */
export function DateRangeInputs(props: {
  range: DayRange;
  onChange(range: DayRange): void;
  /** e.g. "Created from"; the accessible names say "from date" and "to date" either way. */
  fromLabel?: string;
}) {
  const { range } = props;
  const firstDay = toDateInput(range.from);
  const lastDay = lastDayInput(range.to);
  // One unit: when the toolbar wraps, "to" moves with its pair instead of starting the next line alone.
  return (
    <span className="date-range">
      <label className="inline">
        {props.fromLabel ?? 'From'}
        <input
          type="date"
          aria-label={`${props.fromLabel ?? 'From'} date`}
          value={firstDay}
          max={lastDay || undefined}
          onChange={(e) => props.onChange({ ...range, from: fromDateInput(e.target.value, false) })}
        />
      </label>
      <label className="inline">
        to
        <input
          type="date"
          aria-label="To date"
          value={lastDay}
          min={firstDay || undefined}
          onChange={(e) => props.onChange({ ...range, to: fromDateInput(e.target.value, true) })}
        />
      </label>
    </span>
  );
}
