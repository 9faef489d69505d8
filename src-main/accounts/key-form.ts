import { ConsoleError, type KeyKind, type Mode } from '../../src-preload/contract';

export interface KeyForm {
  key: string;
  kind: KeyKind;
  mode: Mode;
}

const KEY_PATTERN = /^(sk|rk)_(test|live)_([A-Za-z0-9]{16,247})$/;

/**
 * Checks a pasted key's form before anything talks to Stripe, so an obviously wrong paste gets a precise message.
 * Messages never repeat the key: they may be shown, logged and sent to the renderer.
 */
export function checkKeyForm(pasted: string): KeyForm {
  const key = pasted.trim();
  if (/^pk_(test|live)_/.test(key)) {
    throw new ConsoleError('invalid_key', 'This is a publishable key. Paste a secret (sk_) or restricted (rk_) key.');
  }
  if (/^whsec_/.test(key)) {
    throw new ConsoleError(
      'invalid_key',
      'This is a webhook signing secret, not an API key. Paste a secret (sk_) or restricted (rk_) key.',
    );
  }
  if (/\s/.test(key)) {
    throw new ConsoleError(
      'invalid_key',
      'The key contains spaces or line breaks. Copy it again from the Stripe Dashboard (Developers → API keys).',
    );
  }
  const match = KEY_PATTERN.exec(key);
  if (!match) {
    throw new ConsoleError(
      'invalid_key',
      'That doesn’t look like a Stripe API key. Keys start with sk_test_, sk_live_, rk_test_ or rk_live_ followed by letters and digits.',
    );
  }
  return { key, kind: match[1] === 'sk' ? 'secret' : 'restricted', mode: match[2] as Mode };
}
