import type { ReactNode } from 'react';
import type { ConsoleError } from '../../src-preload/contract';
import { plainWords } from '../ui/labels';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <strong>{title}</strong>
      {children ? <div className="state-detail">{children}</div> : null}
    </div>
  );
}

/** `title` replaces the headline where the code's says the wrong thing (a team database's "offline" isn't Stripe's). */
export function ErrorState({
  error,
  onRetry,
  title,
}: {
  error: ConsoleError | null;
  onRetry?: () => void;
  title?: string;
}) {
  if (!error) return null;
  return (
    <div className={`state state-error error-${error.code}`} role="alert">
      <strong>{title ?? headline(error.code)}</strong>
      <div className="state-detail">{plainWords(error.message)}</div>
      {onRetry && error.retryable ? (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

function headline(code: ConsoleError['code']): string {
  switch (code) {
    case 'offline':
      return 'Offline';
    case 'permission_denied':
      return 'Not available with this key';
    case 'rate_limited':
      return 'Stripe is rate limiting';
    case 'unauthorized':
      return 'Key rejected';
    // What the user can act on, rather than "Something went wrong" over "Enter the password…".
    case 'invalid_input':
    case 'invalid_key':
      return 'Check what you entered';
    case 'card_error':
      return 'The card was declined';
    case 'stripe_error':
      return 'Stripe refused this';
    case 'conflict':
      return 'Not possible right now';
    case 'not_found':
      return 'Not found';
    case 'file_rejected':
      return 'File not accepted';
    default:
      return 'Something went wrong';
  }
}

/** Shown in place of a view when no account is selected. */
export function NoAccount() {
  return <Empty title="No account selected">Choose the Demo account or add a key in Settings.</Empty>;
}

/** A paged list's error, loading and empty states, in one place so every list says the same things. */
export function ListStates(props: {
  list: { error: ConsoleError | null; isPending: boolean; rows: unknown[]; refetch: () => unknown };
  /** e.g. "payments" */
  noun: string;
  loadingLabel: string;
  /** The user narrowed the list (search text or filters). */
  narrowed: boolean;
  narrowedHint: string;
}) {
  const { list, noun, narrowed } = props;
  if (list.error) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (list.isPending) return <Loading label={props.loadingLabel} />;
  if (list.rows.length > 0) return null;
  return (
    <Empty title={narrowed ? `No ${noun} match` : `No ${noun} yet`}>
      {narrowed ? props.narrowedHint : 'They appear here as sync fetches them.'}
    </Empty>
  );
}
