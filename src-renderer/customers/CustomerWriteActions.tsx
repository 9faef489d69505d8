import { useState } from 'react';
import type { CardSummary, ConsoleError, CustomerPurge, Scope } from '../../src-preload/contract';
import { mayHaveExecuted } from '../../src-preload/contract/write-outcome';
import { saveTextFile } from '../ui/save-file';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { ErrorState } from '../app/states';
import { invoke, useCall, useMutationCall } from '../ipc/client';
import { rememberDeniedWrite, useWriteBlock } from '../app/use-write-block';
import { CUSTOMER_CHANGED } from './customer-changed';
import { CustomerEditDialog } from './CustomerEditDialog';
import { DeleteCustomerDialog } from './DeleteCustomerDialog';
import { ChargeSavedCardDialog } from './ChargeSavedCardDialog';
import { cardLabel } from '../ui/labels';

/** Edit, export and delete, in the customer page's header. */
export function CustomerWriteActions(props: {
  scope: Scope;
  customerId: string;
  label: string;
  onDeleted(purge: CustomerPurge): void;
}) {
  const { scope, customerId } = props;
  const [open, setOpen] = useState<'edit' | 'delete' | 'charge' | null>(null);
  const [exportError, setExportError] = useState<ConsoleError | null>(null);
  const profile = useCall('customers.profile', { scope, customerId });
  const detail = useCall('customers.get', { scope, customerId });
  const chargeBlock = useWriteBlock(scope, 'payment_intent', 'charges');
  const block = useWriteBlock(scope, 'customer', 'customer changes');

  const exportAs = async (format: 'json' | 'csv') => {
    setExportError(null);
    try {
      const result = await invoke('customers.export', { scope, customerId });
      if (format === 'json') saveTextFile(`${result.filename}.json`, result.json, 'application/json');
      else saveTextFile(`${result.filename}.csv`, result.csv, 'text/csv');
    } catch (e) {
      setExportError(e as ConsoleError);
    }
  };

  return (
    <div className="customer-write-actions">
      <button
        type="button"
        className="secondary"
        onClick={() => setOpen('edit')}
        disabled={!!block || !profile.data}
        title={block ?? undefined}
      >
        Edit
      </button>
      <button
        type="button"
        className="secondary"
        onClick={() => setOpen('charge')}
        disabled={!!chargeBlock || !detail.data}
        title={chargeBlock ?? undefined}
      >
        Charge a saved card…
      </button>
      <button type="button" className="secondary" onClick={() => void exportAs('json')}>
        Export JSON
      </button>
      <button type="button" className="secondary" onClick={() => void exportAs('csv')}>
        Export CSV
      </button>
      <button
        type="button"
        className="danger"
        onClick={() => setOpen('delete')}
        disabled={!!block}
        title={block ?? undefined}
      >
        Delete…
      </button>
      {block ? <p className="hint disabled-reason">{block}</p> : null}
      <ErrorState error={exportError} />
      {open === 'charge' && detail.data ? (
        <ChargeSavedCardDialog scope={scope} detail={detail.data} onClose={() => setOpen(null)} />
      ) : null}
      {open === 'edit' && profile.data ? (
        <CustomerEditDialog
          scope={scope}
          customer={profile.data}
          onDone={() => setOpen(null)}
          onCancel={() => setOpen(null)}
        />
      ) : null}
      {open === 'delete' ? (
        <DeleteCustomerDialog
          scope={scope}
          customerId={customerId}
          label={props.label}
          onDone={(purge) => {
            setOpen(null);
            props.onDeleted(purge);
          }}
          onCancel={() => setOpen(null)}
        />
      ) : null}
    </div>
  );
}

/** "Make default" and "Remove" for one saved card. */
export function PaymentMethodActions({
  scope,
  customerId,
  card,
}: {
  scope: Scope;
  customerId: string;
  card: CardSummary;
}) {
  const [confirming, setConfirming] = useState(false);
  const [intentId, setIntentId] = useState(() => crypto.randomUUID());
  const makeDefault = useMutationCall('customers.setDefaultPaymentMethod', CUSTOMER_CHANGED);
  const detach = useMutationCall('customers.detachPaymentMethod', CUSTOMER_CHANGED);
  const block = useWriteBlock(scope, 'customer', 'customer changes');
  const onError = (fallback: string) => (e: ConsoleError) => {
    rememberDeniedWrite(scope, e, fallback);
    if (!mayHaveExecuted(e)) setIntentId(crypto.randomUUID());
  };
  const label = cardLabel(card.brand, card.last4);
  return (
    <span className="card-actions">
      {!card.isDefault ? (
        <button
          type="button"
          className="link"
          disabled={!!block || makeDefault.isPending}
          title={block ?? undefined}
          onClick={() =>
            makeDefault.mutate(
              { scope, customerId, intentId, paymentMethodId: card.id },
              { onSuccess: () => setIntentId(crypto.randomUUID()), onError: onError('rak_customer_write') },
            )
          }
        >
          {makeDefault.isPending ? 'Saving…' : 'Make default'}
        </button>
      ) : null}
      <button
        type="button"
        className="link danger"
        disabled={!!block}
        title={block ?? undefined}
        onClick={() => setConfirming(true)}
      >
        Remove
      </button>
      {makeDefault.error ? <span className="field-error">{makeDefault.error.message}</span> : null}
      {confirming ? (
        <ConfirmDialog
          open
          danger
          title={`Remove ${label}`}
          confirmLabel="Remove card"
          busy={detach.isPending}
          error={detach.error}
          disabledReason={block}
          onConfirm={() =>
            detach.mutate(
              { scope, customerId, intentId, paymentMethodId: card.id },
              { onSuccess: () => setConfirming(false), onError: onError('rak_payment_method_write') },
            )
          }
          onCancel={() => setConfirming(false)}
        >
          <p>
            The card is detached from the customer in Stripe and can’t be charged again
            {card.isDefault ? '; the customer will have no default card' : ''}.
          </p>
        </ConfirmDialog>
      ) : null}
    </span>
  );
}
