import { Fragment, useState } from 'react';
import './copy.css';

/** A value an agent pastes elsewhere (an email into a reply, a request id into a Stripe ticket): one click copies it. */
export function CopyButton({ value, what }: { value: string; what: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="copy-button"
      // The name says what, not the value: a pane's link named by the same email stays the only button of that name.
      aria-label={`Copy ${what}`}
      title={`Copy ${what}: ${value}`}
      onClick={(e) => {
        e.stopPropagation();
        void navigator.clipboard.writeText(value).then(() => setCopied(true));
      }}
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

/**
 * Where an address may wrap: after the @, before a dot, after a hyphen, underscore or plus. A narrow pane then shows
 * "amara.larsen.accounts-payable@" over "northwind-logistics.example.com", never "amara.lars" over "en594@…".
 */
export function emailParts(address: string): string[] {
  return address.split(/(?<=[@_+-])|(?=\.)/);
}

/** An email longer than a facts column (`ui/facts.css`) gets two: one line at 960 px instead of three or four. */
export const isWideEmail = (address: string | null | undefined): boolean => (address?.length ?? 0) > 26;

/** An email address, whole (it wraps only at its own joints, see `emailParts`), with a Copy button beside it. */
export function Email({ address, copy = true }: { address: string; copy?: boolean }) {
  return (
    <span className="email-value">
      <span className="email" data-email={address}>
        {emailParts(address).map((part, i) => (
          <Fragment key={i}>
            {i > 0 ? <wbr /> : null}
            {part}
          </Fragment>
        ))}
      </span>
      {copy ? <CopyButton value={address} what="email" /> : null}
    </span>
  );
}
