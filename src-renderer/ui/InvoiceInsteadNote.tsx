/** After a decline: the way out that lets the customer pay, and confirm, on their own (an emailed invoice). */
export function InvoiceInsteadNote({ onChoose, disabled = false }: { onChoose: () => void; disabled?: boolean }) {
  return (
    <p className="warning" role="note">
      <button type="button" className="link" onClick={onChoose} disabled={disabled}>
        Email an invoice instead
      </button>{' '}
      so the customer can pay, and confirm, it themselves.
    </p>
  );
}
