import { useMemo, useState } from 'react';
import type { CustomerProfile, Scope } from '../../src-preload/contract';
import { mayHaveExecuted } from '../../src-preload/contract/write-outcome';
import { ConfirmDialog } from '../app/ConfirmDialog';
import { useMutationCall } from '../ipc/client';
import { rememberDeniedWrite, useWriteBlock } from '../app/use-write-block';
import { CustomerProfileForm } from './CustomerProfileForm';
import { draftErrors, draftOf, fieldOfStripeParam, profileOf } from './profile-draft';
import { CUSTOMER_CHANGED } from './customer-changed';

export interface CustomerEditDialogProps {
  scope: Scope;
  /** null creates a new customer. */
  customer: { id: string; profile: CustomerProfile } | null;
  onDone(customerId: string): void;
  onCancel(): void;
}

/**
 * Creates or edits a customer. Problems are found before sending and shown under their field; when Stripe refuses,
 * its message goes under the field it names. Mounted when opened, so its intent id makes a double click one request.
 */
export function CustomerEditDialog({ scope, customer, onDone, onCancel }: CustomerEditDialogProps) {
  const [intentId, setIntentId] = useState(() => crypto.randomUUID());
  const [draft, setDraft] = useState(() => draftOf(customer?.profile ?? null));
  const create = useMutationCall('customers.create', CUSTOMER_CHANGED);
  const update = useMutationCall('customers.update', CUSTOMER_CHANGED);
  const mutation = customer ? update : create;
  const block = useWriteBlock(scope, 'customer', 'customer changes');
  const local = useMemo(() => draftErrors(draft), [draft]);
  const stripeField = fieldOfStripeParam(mutation.error);
  const errors = stripeField && mutation.error ? { ...local, [stripeField]: mutation.error.message } : local;
  // Stripe may hold the change already: only the very same request may go again, so the form is locked.
  const locked = !!mutation.error && mayHaveExecuted(mutation.error);
  const invalid = Object.keys(local).length > 0;

  const onError = (e: NonNullable<typeof mutation.error>) => {
    rememberDeniedWrite(scope, e, 'rak_customer_write');
    if (!mayHaveExecuted(e)) setIntentId(crypto.randomUUID());
  };
  const submit = () => {
    const profile = profileOf(draft);
    if (customer)
      update.mutate({ scope, customerId: customer.id, intentId, profile }, { onSuccess: (v) => onDone(v.id), onError });
    else create.mutate({ scope, intentId, profile }, { onSuccess: (v) => onDone(v.customerId), onError });
  };

  return (
    <ConfirmDialog
      open
      title={customer ? `Edit ${customer.profile.name ?? customer.profile.email ?? customer.id}` : 'New customer'}
      confirmLabel={customer ? 'Save changes' : 'Create customer'}
      busy={mutation.isPending}
      // A refusal tied to one field is shown there; anything else above the buttons.
      error={mutation.error && !stripeField ? mutation.error : null}
      disabledReason={block ?? (invalid ? 'Fix the fields marked in red first.' : null)}
      onConfirm={submit}
      onCancel={onCancel}
    >
      <CustomerProfileForm draft={draft} onChange={setDraft} errors={errors} disabled={mutation.isPending || locked} />
      {locked ? (
        <p className="hint">Stripe didn’t answer. Trying again sends the same change: it can’t be applied twice.</p>
      ) : null}
    </ConfirmDialog>
  );
}
