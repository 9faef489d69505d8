import generated from './stripe-params.json';

/**
 * One parameter's shape, as the SDK's request types declare it (see build/emulator-params.mjs).
 * `empty`: Stripe takes `''` to unset it (the SDK's `Emptyable<T>`). Enums list the values a request may send.
 */
export type ParamSchema = { empty?: boolean } & (
  | { k: 'string'; e?: string[] }
  | { k: 'integer' | 'number' | 'decimal' | 'boolean' | 'any' }
  | { k: 'object'; p: Record<string, ParamSchema>; r?: string[] }
  | { k: 'map'; v: ParamSchema }
  | { k: 'array'; i: ParamSchema }
  | { k: 'union'; of: ParamSchema[] }
  | { ref: string }
);

export interface EndpointEntry {
  /** The SDK method, e.g. `Customers.create`. */
  sdk: string;
  path: string;
  params: ParamSchema;
}

interface ParamTable {
  generatedFrom: string;
  apiVersion: string;
  endpoints: Record<string, EndpointEntry>;
  defs: Record<string, ParamSchema>;
}

// eslint-disable-next-line no-restricted-syntax -- the JSON import is typed by its literal contents; build/emulator-params.mjs writes it in this shape
const table = generated as unknown as ParamTable;

/** Endpoints Stripe serves that the SDK has no method for. */
const EXTRA_ENDPOINTS: Record<string, EndpointEntry> = {
  // Served by files.stripe.com; the SDK leaves downloads to file links.
  'GET /v1/files/*/contents': {
    sdk: '(files.stripe.com)',
    path: '/v1/files/{file}/contents',
    params: { k: 'object', p: {} },
  },
};

export const PARAM_TABLE_SOURCE = table.generatedFrom;

/** `POST /v1/customers/:id` → the table's `POST /v1/customers/*` entry. */
export function endpointKey(method: string, path: string): string {
  return `${method} ${path.replace(/:[a-z_]+/g, '*')}`;
}

export function findEndpoint(method: string, path: string): EndpointEntry | undefined {
  const key = endpointKey(method, path);
  return table.endpoints[key] ?? EXTRA_ENDPOINTS[key];
}

export function resolveRef(name: string): ParamSchema {
  const schema = table.defs[name];
  if (!schema) throw new Error(`Parameter table has no type ${name}`);
  return schema;
}
