/** Compact word lists for realistic, deterministic demo people and places. */
export const FIRST_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Oliver', 'Sophia', 'Elijah', 'Isabella', 'James', 'Mia', 'Lucas', 'Amelia',
  'Mateo', 'Harper', 'Ethan', 'Evelyn', 'Aiden', 'Chloe', 'Henry', 'Sofia', 'Leo', 'Hannah', 'Jack', 'Layla', 'Daniel',
  'Zoe', 'Samuel', 'Nora', 'David', 'Grace', 'Joseph', 'Aria', 'Carter', 'Lily', 'Owen', 'Ella', 'Wyatt', 'Camila',
  'Julian', 'Priya', 'Arjun', 'Yuki', 'Haruto', 'Sakura', 'Ren', 'Fatima', 'Omar', 'Layan', 'Yusuf', 'Chiara', 'Luca',
  'Ingrid', 'Lars', 'Amara', 'Kwame', 'Ana', 'Diego', 'Marie', 'Pierre', 'Greta', 'Felix', 'Niamh', 'Sean', 'Mei', 'Wei',
];

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
  'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris',
  'Clark', 'Lewis', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Hill',
  'Patel', 'Shah', 'Tanaka', 'Suzuki', 'Sato', 'Al-Sabah', 'Haddad', 'Rossi', 'Bianchi', 'Muller', 'Schmidt', 'Dubois',
  'Laurent', 'Nguyen', 'Kim', 'Chen', 'Wang', 'Okafor', 'Mensah', 'Silva', 'Santos', "O'Brien", 'Murphy', 'Larsen',
];

export const EMAIL_DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'proton.me', 'fastmail.com', 'hey.com'];
export const COMPANY_DOMAINS = ['acme.io', 'globex.com', 'initech.net', 'umbrella.co', 'hooli.com', 'vandelay.org', 'starkindustries.com', 'wayneenterprises.com'];

export const STREETS = ['Main St', 'Oak Ave', 'Maple Dr', 'Cedar Ln', 'Park Rd', 'High Street', 'Station Road', 'King Street', 'Market St', 'Elm St', 'Lake View Blvd', 'Hillcrest Way'];

export interface Place {
  city: string;
  state: string | null;
  country: string;
  currency: string;
  postal: () => string;
  phonePrefix: string;
  locale: string;
}

const digits = (n: number, roll: () => number): string => Array.from({ length: n }, () => Math.floor(roll() * 10)).join('');

/** Cities with the formats their country uses; `weight` drives the currency mix (USD heavy, some JPY/KWD). */
export function places(roll: () => number): readonly (readonly [Place, number])[] {
  const us = (city: string, state: string): Place => ({ city, state, country: 'US', currency: 'usd', postal: () => digits(5, roll), phonePrefix: '+1', locale: 'en-US' });
  const eu = (city: string, country: string, locale: string): Place => ({ city, state: null, country, currency: 'eur', postal: () => digits(5, roll), phonePrefix: country === 'DE' ? '+49' : country === 'FR' ? '+33' : '+31', locale });
  return [
    [us('New York', 'NY'), 9], [us('San Francisco', 'CA'), 7], [us('Austin', 'TX'), 6], [us('Chicago', 'IL'), 6], [us('Seattle', 'WA'), 5],
    [us('Denver', 'CO'), 4], [us('Miami', 'FL'), 4], [us('Boston', 'MA'), 4],
    [{ city: 'London', state: null, country: 'GB', currency: 'gbp', postal: () => `SW${digits(1, roll)}A ${digits(1, roll)}AA`, phonePrefix: '+44', locale: 'en-GB' }, 7],
    [{ city: 'Manchester', state: null, country: 'GB', currency: 'gbp', postal: () => `M${digits(1, roll)} ${digits(1, roll)}AB`, phonePrefix: '+44', locale: 'en-GB' }, 3],
    [eu('Berlin', 'DE', 'de-DE'), 5], [eu('Paris', 'FR', 'fr-FR'), 5], [eu('Amsterdam', 'NL', 'nl-NL'), 3],
    [{ city: 'Tokyo', state: null, country: 'JP', currency: 'jpy', postal: () => `${digits(3, roll)}-${digits(4, roll)}`, phonePrefix: '+81', locale: 'ja-JP' }, 6],
    [{ city: 'Osaka', state: null, country: 'JP', currency: 'jpy', postal: () => `${digits(3, roll)}-${digits(4, roll)}`, phonePrefix: '+81', locale: 'ja-JP' }, 2],
    [{ city: 'Kuwait City', state: null, country: 'KW', currency: 'kwd', postal: () => digits(5, roll), phonePrefix: '+965', locale: 'ar-KW' }, 4],
    [{ city: 'Toronto', state: 'ON', country: 'CA', currency: 'cad', postal: () => `M5V ${digits(1, roll)}A${digits(1, roll)}`, phonePrefix: '+1', locale: 'en-CA' }, 4],
    [{ city: 'Sydney', state: 'NSW', country: 'AU', currency: 'aud', postal: () => `2${digits(3, roll)}`, phonePrefix: '+61', locale: 'en-AU' }, 3],
  ];
}

export const PRODUCTS = [
  { key: 'starter', name: 'Starter', description: 'For small teams getting started', monthlyUsd: 1900 },
  { key: 'growth', name: 'Growth', description: 'Advanced workflows for growing teams', monthlyUsd: 4900 },
  { key: 'enterprise', name: 'Enterprise', description: 'Unlimited seats, SSO and priority support', monthlyUsd: 19900 },
] as const;

export const PAYMENT_DESCRIPTIONS = ['Order #', 'Invoice payment ', 'Supplies order #', 'Renewal #', 'Add-on purchase #'];

export const CARD_BRANDS = [
  ['visa', 55],
  ['mastercard', 30],
  ['amex', 10],
  ['discover', 3],
  ['jcb', 2],
] as const;
