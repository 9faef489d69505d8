import type { CardSummary } from '../../src-preload/contract';
import { cardLabel } from './labels';

/** A card is good through the last day of its expiry month. */
export function cardExpired(
  month: number | null | undefined,
  year: number | null | undefined,
  now = new Date(),
): boolean {
  if (!month || !year) return false;
  return year < now.getFullYear() || (year === now.getFullYear() && month < now.getMonth() + 1);
}

/**
 * A customer's saved cards as a card picker's options, the default one marked, and an expired one said so: an agent
 * about to charge the default card learns here that it will be declined.
 */
export function CardOptions({ cards }: { cards: CardSummary[] }) {
  return (
    <>
      {cards.map((c) => {
        const notes = [
          c.isDefault ? 'default' : null,
          cardExpired(c.expMonth, c.expYear) ? `expired ${String(c.expMonth).padStart(2, '0')}/${c.expYear}` : null,
        ].filter(Boolean);
        return (
          <option key={c.id} value={c.id}>
            {cardLabel(c.brand, c.last4)}
            {notes.length ? ` (${notes.join(', ')})` : ''}
          </option>
        );
      })}
    </>
  );
}
