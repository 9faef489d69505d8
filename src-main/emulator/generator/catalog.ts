import type Stripe from 'stripe';
import { buildPrice, buildProduct } from '../objects/catalog';
import { fromUsdCents } from './amounts';
import { DAY, type GeneratorContext } from './context';
import * as words from './vocabulary';

/** Three products, each priced monthly and yearly in every demo currency. */
export function generateCatalog(ctx: GeneratorContext): void {
  const created = ctx.now - 800 * DAY;
  for (const product of words.PRODUCTS) {
    const productId = `prod_${ctx.prng.string(14)}`;
    const productPrices: Stripe.Price[] = [];
    for (const currency of ['usd', 'eur', 'gbp', 'jpy', 'kwd', 'cad', 'aud']) {
      for (const interval of ['month', 'year'] as const) {
        const usd = interval === 'month' ? product.monthlyUsd : product.monthlyUsd * 10;
        productPrices.push(
          buildPrice({
            id: ctx.ids.make('price', created),
            created,
            livemode: ctx.livemode,
            product: productId,
            currency,
            unitAmount: fromUsdCents(usd, currency),
            interval,
            nickname: `${product.name} ${interval === 'month' ? 'monthly' : 'yearly'} (${currency.toUpperCase()})`,
            lookupKey: `${product.key}_${interval}_${currency}`,
          }),
        );
      }
    }
    const defaultPrice = productPrices[0]?.id ?? null;
    ctx.put(
      'product',
      buildProduct({
        id: productId,
        created,
        livemode: ctx.livemode,
        name: product.name,
        description: product.description,
        defaultPrice,
      }),
    );
    for (const price of productPrices) ctx.put('price', price);
    ctx.prices.push(...productPrices);
  }
}
