import { blankCustomer } from './customer';
import { buildPaymentMethod } from './payment-method';

const blankCard = {
  brand: '',
  last4: '',
  exp_month: 0,
  exp_year: 0,
  country: '',
  funding: 'credit',
  fingerprint: '',
  cvc_check: 'pass',
};

/**
 * Typical-default objects of the most numerous types; the store leaves out fields equal to these.
 * Changing a template invalidates existing data dirs (their rows lack the left-out fields).
 */
export const STORAGE_TEMPLATES = {
  customer: blankCustomer('', 0, false, ''),
  payment_method: buildPaymentMethod({
    id: '',
    created: 0,
    livemode: false,
    customer: null,
    card: blankCard,
    billing: { name: null, email: null, phone: null, address: null },
  }),
};
