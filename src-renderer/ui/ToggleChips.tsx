/** A row of chips of which at most one is on; pressing the one that is on turns it off again. */
export function ToggleChips({
  label,
  options,
  selected,
  onSelect,
}: {
  label: string;
  options: readonly { label: string }[];
  selected: number | null;
  onSelect: (index: number | null) => void;
}) {
  return (
    <div className="chips" role="group" aria-label={label}>
      {options.map((option, i) => (
        <button
          key={option.label}
          type="button"
          className={`chip ${selected === i ? 'on' : ''}`}
          aria-pressed={selected === i}
          onClick={() => onSelect(selected === i ? null : i)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}

/** A row of chips any number of which may be on: a filter by several statuses at once. */
export function MultiToggleChips<V extends string>({
  label,
  options,
  labelOf,
  selected,
  onChange,
}: {
  label: string;
  options: readonly V[];
  labelOf: (value: V) => string;
  selected: readonly V[];
  onChange: (selected: V[]) => void;
}) {
  return (
    <div className="chips" role="group" aria-label={label}>
      {options.map((value) => {
        const on = selected.includes(value);
        return (
          <button
            key={value}
            type="button"
            className={`chip ${on ? 'on' : ''}`}
            aria-pressed={on}
            onClick={() => onChange(on ? selected.filter((v) => v !== value) : [...selected, value])}
          >
            {labelOf(value)}
          </button>
        );
      })}
    </div>
  );
}
