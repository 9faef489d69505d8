import { lazy, Suspense, useState } from 'react';
import type { Scope } from '../../src-preload/contract';
import { useUi } from '../app/ui-store';
import { useWriteBlock } from '../app/use-write-block';

// The form's code loads when it is opened, not with the list the button sits above.
const CustomerEditDialog = lazy(() => import('./CustomerEditDialog').then((m) => ({ default: m.CustomerEditDialog })));

/** Opens the new-customer form; the created customer's page opens when Stripe has it. */
export function NewCustomerButton({ scope }: { scope: Scope }) {
  const [open, setOpen] = useState(false);
  const navigate = useUi((s) => s.navigate);
  const block = useWriteBlock(scope, 'customer', 'customer changes');
  return (
    <>
      <button
        type="button"
        className="primary"
        onClick={() => setOpen(true)}
        disabled={!!block}
        title={block ?? undefined}
      >
        New customer
      </button>
      {open ? (
        <Suspense fallback={null}>
          <CustomerEditDialog
            scope={scope}
            customer={null}
            onDone={(id) => {
              setOpen(false);
              navigate('customers', id);
            }}
            onCancel={() => setOpen(false)}
          />
        </Suspense>
      ) : null}
    </>
  );
}
