import { formatMoney } from '../../src-preload/contract/money';

/** An amount in minor units, shown in its currency's own precision. */
export function Money({
  amount,
  currency,
  className,
}: {
  amount: number | null | undefined;
  currency: string | null | undefined;
  className?: string;
}) {
  if (amount === null || amount === undefined || !currency) return <span className={className}>—</span>;
  return (
    <span
      className={`money ${amount < 0 ? 'negative' : ''} ${className ?? ''}`}
      title={`${amount} ${currency.toUpperCase()} minor units`}
    >
      {formatMoney(amount, currency)}
    </span>
  );
}
