/** Plain words for what Stripe answered when it declined (details.declineCode / stripeCode). */
export function declineInWords(code: string | null): string {
  switch (code) {
    case 'authentication_required':
      return 'The card’s bank wants the customer to confirm this payment themselves (3-D Secure), which can’t happen without them. Nothing was charged. Send them an invoice to pay instead.';
    case 'insufficient_funds':
      return 'The card has too little money on it. Nothing was charged. Try another card, or send an invoice.';
    case 'expired_card':
      return 'The card has expired. Nothing was charged. Try another card, or send an invoice.';
    case 'incorrect_cvc':
      return 'The bank refused the card’s security code. Nothing was charged. Try another card, or send an invoice.';
    case 'fraudulent':
    case 'stolen_card':
      return 'The bank declined the card as possibly fraudulent. Nothing was charged. Don’t retry this card.';
    default:
      return 'The bank declined the card without a reason. Nothing was charged. Try another card, or send an invoice.';
  }
}
