import type { IncomingHttpHeaders } from 'node:http';
import { authenticationError, permissionError } from './errors';
import { redactKey, type ApiKeyRecord, type KeyRegistry } from '../store/keys';

export type Access = 'read' | 'write';

/** The restricted-key permission an endpoint needs, e.g. `{resource: 'refund', access: 'write'}` = rak_refund_write. */
export interface RequiredPermission {
  resource: string;
  access: Access;
}

function extractKey(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization;
  if (!header) return undefined;
  const [scheme, value = ''] = header.split(' ', 2);
  if (scheme?.toLowerCase() === 'bearer') return value.trim();
  if (scheme?.toLowerCase() === 'basic') {
    // Basic auth carries the key as the username with an empty password.
    return Buffer.from(value, 'base64').toString('utf8').split(':')[0];
  }
  return undefined;
}

export function authenticate(headers: IncomingHttpHeaders, registry: KeyRegistry): ApiKeyRecord {
  const key = extractKey(headers);
  if (!key) {
    throw authenticationError(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    );
  }
  if (key.startsWith('pk_')) {
    throw authenticationError(
      'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.',
    );
  }
  const record = registry.find(key);
  if (!record || record.revoked) throw authenticationError(`Invalid API Key provided: ${redactKey(key)}`);
  return record;
}

export function authorize(record: ApiKeyRecord, required: RequiredPermission, accountId: string): void {
  if (record.permissions === null) return;
  const write = `rak_${required.resource}_write`;
  const needed = `rak_${required.resource}_${required.access}`;
  // A write permission includes reading.
  if (record.permissions.includes(needed) || record.permissions.includes(write)) return;
  throw permissionError(
    `The provided key '${redactKey(record.key)}' does not have the required permissions for this endpoint on account '${accountId}'. Having the '${needed}' permission would allow this request to continue.`,
  );
}
