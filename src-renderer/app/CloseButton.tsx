import { X } from 'lucide-react';

/** The one close control for panes and inspectors: an icon with its name for screen readers and on hover. */
export function CloseButton({ label, onClick }: { label: string; onClick(): void }) {
  return (
    <button
      type="button"
      className="secondary icon-button"
      onClick={onClick}
      aria-label={label}
      title={`${label} (Esc)`}
    >
      <X size={16} aria-hidden="true" />
    </button>
  );
}
