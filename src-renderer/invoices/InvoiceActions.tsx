import { useState } from 'react';
import type { InvoiceAction, InvoiceActionKind, InvoiceDetail, Scope } from '../../src-preload/contract';
import { decimalAmount, formatMoney } from '../../src-preload/contract/money';
import { mayHaveExecuted } from '../../src-preload/contract/write-outcome';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { useCall, useMutationCall } from '../ipc/client';
import { rememberDeniedWrite, useWriteBlock } from '../app/use-write-block';
import { CreditNoteDialog } from './CreditNoteDialog';
import { INVOICE_CHANGED } from './invoice-changed';
import { humanLabel } from '../ui/labels';
import { CardOptions } from '../ui/card-options';

type Kind = InvoiceAction['kind'];

const LABELS: Record<Kind, string> = {
  pay: 'Charge now',
  send: 'Send to customer',
  finalize: 'Finalize',
  void: 'Void',
  mark_uncollectible: 'Mark uncollectible',
};

/** What each action does, in plain words, for its confirmation. */
function explain(kind: Kind, d: InvoiceDetail): string {
  const due = formatMoney(d.amountRemaining, d.currency);
  switch (kind) {
    case 'pay':
      return `Charges ${due} to the chosen card now. If the card is declined, the invoice stays open and nothing is charged.`;
    case 'send':
      return d.status === 'paid'
        ? 'Emails the customer a copy of this paid invoice.'
        : `Emails the customer a link to pay ${due} on Stripe’s invoice page.`;
    case 'finalize':
      return 'Gives the draft its number and makes it payable. Its lines can no longer be edited.';
    case 'void':
      return `Cancels this invoice for good: the customer will no longer owe ${due}. A void invoice can’t be reopened.`;
    case 'mark_uncollectible':
      return `Records that ${due} won’t be collected. Stripe stops retrying; the invoice can still be paid or voided later.`;
  }
}

/** The invoice's actions, each disabled with the reason when its state, the connection or the key rules it out. */
export function InvoiceActions({ scope, invoice }: { scope: Scope; invoice: InvoiceDetail }) {
  const [open, setOpen] = useState<Kind | 'credit_note' | null>(null);
  const block = useWriteBlock(scope, 'invoice', 'invoice actions');
  const buttons: (Kind | 'credit_note')[] = ['pay', 'send', 'finalize', 'void', 'mark_uncollectible', 'credit_note'];
  const shown = buttons.filter((k) => !invoice.actions[k as InvoiceActionKind]);
  return (
    <div className="invoice-actions" data-testid="invoice-actions">
      {shown.map((kind) => (
        <button
          key={kind}
          type="button"
          className={kind === 'void' ? 'danger' : kind === 'pay' ? 'primary' : 'secondary'}
          disabled={!!block}
          title={block ?? undefined}
          onClick={() => setOpen(kind)}
        >
          {kind === 'credit_note' ? 'Credit note…' : `${LABELS[kind]}…`}
        </button>
      ))}
      {shown.length === 0 ? (
        <span className="hint">No actions for an invoice that is {humanLabel(invoice.status).toLowerCase()}.</span>
      ) : null}
      {block ? <p className="hint disabled-reason">{block}</p> : null}
      {open === 'credit_note' ? (
        <CreditNoteDialog scope={scope} invoice={invoice} onClose={() => setOpen(null)} />
      ) : open ? (
        <ActionDialog scope={scope} invoice={invoice} kind={open} onClose={() => setOpen(null)} />
      ) : null}
    </div>
  );
}

function ActionDialog(props: { scope: Scope; invoice: InvoiceDetail; kind: Kind; onClose(): void }) {
  const { scope, invoice: d, kind } = props;
  const [intentId, setIntentId] = useState(() => crypto.randomUUID());
  const [card, setCard] = useState<string>('');
  const act = useMutationCall('invoices.act', INVOICE_CHANGED);
  const block = useWriteBlock(scope, 'invoice', 'invoice actions');
  const customer = useCall(
    'customers.get',
    { scope, customerId: d.customerId ?? 'cus_none' },
    {
      enabled: kind === 'pay' && !!d.customerId,
    },
  );
  const cards = customer.data?.paymentMethods ?? [];
  const moneyMoves = kind === 'pay';
  const locked = !!act.error && mayHaveExecuted(act.error);
  const action: InvoiceAction = kind === 'pay' ? { kind, ...(card ? { paymentMethodId: card } : {}) } : { kind };
  const noCard = kind === 'pay' && customer.isSuccess && cards.length === 0;
  return (
    <ConfirmDialog
      open
      danger={kind === 'void' || moneyMoves}
      title={`${LABELS[kind]}: invoice ${d.number ?? d.id}`}
      confirmLabel={moneyMoves ? `Charge ${formatMoney(d.amountRemaining, d.currency)}` : LABELS[kind]}
      busy={act.isPending}
      error={act.error}
      typedConfirmation={moneyMoves && scope.mode === 'live' ? decimalAmount(d.amountRemaining, d.currency) : null}
      disabledReason={block ?? (noCard ? 'The customer has no saved card: send the invoice instead.' : null)}
      onConfirm={() =>
        act.mutate(
          { scope, id: d.id, intentId, action },
          {
            onSuccess: props.onClose,
            onError: (e) => {
              rememberDeniedWrite(scope, e, 'rak_invoice_write');
              if (!mayHaveExecuted(e)) setIntentId(crypto.randomUUID());
            },
          },
        )
      }
      onCancel={props.onClose}
    >
      <p>{explain(kind, d)}</p>
      {kind === 'pay' && cards.length > 0 ? (
        <label>
          Card
          <select value={card} onChange={(e) => setCard(e.target.value)} disabled={act.isPending || locked}>
            <option value="">The customer’s default card</option>
            <CardOptions cards={cards} />
          </select>
        </label>
      ) : null}
      {act.error?.code === 'card_error' ? (
        <p className="warning" role="note">
          The card was declined, so nothing was charged. Try another saved card, or send the invoice so the customer
          pays it themselves.
        </p>
      ) : null}
      {locked ? (
        <p className="hint">Stripe didn’t answer. Trying again sends the same request: it can’t happen twice.</p>
      ) : null}
    </ConfirmDialog>
  );
}
