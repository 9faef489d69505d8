import type { ReactNode } from 'react';
import type { Address } from '../../src-preload/contract/customer-writes';
import { METADATA_LIMITS } from '../../src-preload/contract/customer-writes';
import type { ProfileDraft } from './profile-draft';
import './customer-writes.css';

interface FormProps {
  draft: ProfileDraft;
  onChange(draft: ProfileDraft): void;
  /** Field path → message: local checks and the parameter Stripe refused. */
  errors: Record<string, string>;
  disabled: boolean;
}

/** Every field of a customer an agent may edit, each with its own error beneath it. */
export function CustomerProfileForm({ draft, onChange, errors, disabled }: FormProps) {
  const set = <K extends keyof ProfileDraft>(key: K, value: ProfileDraft[K]) => onChange({ ...draft, [key]: value });
  const text = (key: 'name' | 'email' | 'phone' | 'description', label: string, type = 'text') => (
    <Field label={label} error={errors[key]}>
      <input
        type={type}
        value={draft[key]}
        onChange={(e) => set(key, e.target.value)}
        disabled={disabled}
        aria-invalid={!!errors[key]}
        name={key}
      />
    </Field>
  );
  return (
    <div className="profile-form" data-testid="customer-profile-form">
      <div className="form-grid">
        {text('name', 'Name')}
        {text('email', 'Email', 'email')}
        {text('phone', 'Phone', 'tel')}
        {text('description', 'Description')}
      </div>
      <AddressFields
        legend="Billing address"
        prefix="address"
        value={draft.address}
        onChange={(a) => set('address', a)}
        errors={errors}
        disabled={disabled}
      />
      <label className="inline">
        <input
          type="checkbox"
          checked={draft.hasShipping}
          onChange={(e) => set('hasShipping', e.target.checked)}
          disabled={disabled}
        />
        Ships to a different address
      </label>
      {draft.hasShipping ? (
        <>
          <div className="form-grid">
            <Field label="Recipient" error={errors['shipping.name']}>
              <input
                value={draft.shippingName}
                onChange={(e) => set('shippingName', e.target.value)}
                disabled={disabled}
                name="shipping.name"
              />
            </Field>
            <Field label="Recipient phone" error={errors['shipping.phone']}>
              <input
                value={draft.shippingPhone}
                onChange={(e) => set('shippingPhone', e.target.value)}
                disabled={disabled}
                name="shipping.phone"
              />
            </Field>
          </div>
          <AddressFields
            legend="Shipping address"
            prefix="shipping.address"
            value={draft.shipping}
            onChange={(a) => set('shipping', a)}
            errors={errors}
            disabled={disabled}
          />
        </>
      ) : null}
      <Field label="Preferred languages (comma separated, e.g. en, fr-FR)" error={errors.preferredLocales}>
        <input
          value={draft.locales}
          onChange={(e) => set('locales', e.target.value)}
          disabled={disabled}
          name="preferredLocales"
        />
      </Field>
      <MetadataRows
        rows={draft.metadata}
        onChange={(rows) => set('metadata', rows)}
        error={errors.metadata}
        disabled={disabled}
      />
    </div>
  );
}

function Field({ label, error, children }: { label: string; error: string | undefined; children: ReactNode }) {
  return (
    <label className="form-field">
      <span>{label}</span>
      {children}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </label>
  );
}

const ADDRESS_LABELS: [keyof Address, string][] = [
  ['line1', 'Street'],
  ['line2', 'Street, line 2'],
  ['city', 'City'],
  ['state', 'State / region'],
  ['postalCode', 'Postal code'],
  ['country', 'Country (2 letters)'],
];

function AddressFields(props: {
  legend: string;
  prefix: string;
  value: Record<keyof Address, string>;
  onChange(value: Record<keyof Address, string>): void;
  errors: Record<string, string>;
  disabled: boolean;
}) {
  return (
    <fieldset className="form-grid address-fields">
      <legend>{props.legend}</legend>
      {ADDRESS_LABELS.map(([key, label]) => (
        <Field key={key} label={label} error={props.errors[`${props.prefix}.${key}`]}>
          <input
            value={props.value[key]}
            onChange={(e) => props.onChange({ ...props.value, [key]: e.target.value })}
            disabled={props.disabled}
            name={`${props.prefix}.${key}`}
            aria-label={`${props.legend}: ${label}`}
          />
        </Field>
      ))}
    </fieldset>
  );
}

function MetadataRows(props: {
  rows: ProfileDraft['metadata'];
  onChange(rows: ProfileDraft['metadata']): void;
  error: string | undefined;
  disabled: boolean;
}) {
  const { rows, onChange, disabled } = props;
  const edit = (i: number, patch: Partial<ProfileDraft['metadata'][number]>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="metadata-rows">
      <legend>
        Metadata <span className="hint">(up to {METADATA_LIMITS.keys} keys)</span>
      </legend>
      {rows.length === 0 ? <p className="hint">No metadata.</p> : null}
      {rows.map((row, i) => (
        <div className="metadata-row" key={i}>
          <input
            value={row.key}
            placeholder="key"
            maxLength={METADATA_LIMITS.keyLength + 10}
            onChange={(e) => edit(i, { key: e.target.value })}
            disabled={disabled}
            aria-label={`Metadata key ${i + 1}`}
          />
          <input
            value={row.value}
            placeholder="value"
            onChange={(e) => edit(i, { value: e.target.value })}
            disabled={disabled}
            aria-label={`Metadata value ${i + 1}`}
          />
          <button
            type="button"
            className="secondary"
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
            disabled={disabled}
            aria-label={`Remove metadata ${row.key || i + 1}`}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        className="secondary"
        onClick={() => onChange([...rows, { key: '', value: '' }])}
        disabled={disabled || rows.length >= METADATA_LIMITS.keys}
      >
        Add metadata
      </button>
      {props.error ? (
        <p className="field-error" role="alert">
          {props.error}
        </p>
      ) : null}
    </fieldset>
  );
}
