import { useState } from 'react';
import type { CustomerPurge, Scope } from '../../src-preload/contract';
import { mayHaveExecuted } from '../../src-preload/contract/write-outcome';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { useMutationCall } from '../ipc/client';
import { rememberDeniedWrite, useWriteBlock } from '../app/use-write-block';
import { CUSTOMER_CHANGED } from './customer-changed';

/**
 * Deletes a customer at Stripe (their subscriptions end at once; payments and invoices stay in Stripe) and then
 * removes everything this computer keeps about them. Confirmed by typing the customer's id.
 */
export function DeleteCustomerDialog(props: {
  scope: Scope;
  customerId: string;
  label: string;
  onDone(purge: CustomerPurge): void;
  onCancel(): void;
}) {
  const { scope, customerId } = props;
  const [intentId, setIntentId] = useState(() => crypto.randomUUID());
  const remove = useMutationCall('customers.delete', CUSTOMER_CHANGED);
  const block = useWriteBlock(scope, 'customer', 'customer changes');
  return (
    <ConfirmDialog
      open
      danger
      title={`Delete ${props.label}`}
      confirmLabel="Delete customer"
      busy={remove.isPending}
      error={remove.error}
      typedConfirmation={customerId}
      disabledReason={block}
      onConfirm={() =>
        remove.mutate(
          { scope, customerId, intentId, typedConfirmation: customerId },
          {
            onSuccess: props.onDone,
            onError: (e) => {
              rememberDeniedWrite(scope, e, 'rak_customer_write');
              if (!mayHaveExecuted(e)) setIntentId(crypto.randomUUID());
            },
          },
        )
      }
      onCancel={props.onCancel}
    >
      <div data-testid="delete-customer-dialog">
        <p>This can’t be undone.</p>
        <ul>
          <li>Stripe deletes the customer and ends their subscriptions now, without a refund.</li>
          <li>Their saved cards can no longer be charged.</li>
          <li>
            Everything this computer has cached about them — profile, payments, refunds, invoices, events — is removed.
            The Activity log keeps only the customer’s id.
          </li>
        </ul>
      </div>
    </ConfirmDialog>
  );
}
