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
