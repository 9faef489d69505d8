import { cardLabel } from './labels';

/** A customer's saved cards as a card picker's options, the default one marked. */
export function CardOptions({
  cards,
}: {
  cards: { id: string; brand: string | null; last4: string | null; isDefault: boolean }[];
}) {
  return (
    <>
      {cards.map((c) => (
        <option key={c.id} value={c.id}>
          {cardLabel(c.brand, c.last4)}
          {c.isDefault ? ' (default)' : ''}
        </option>
      ))}
    </>
  );
}
