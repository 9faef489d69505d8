// Without React or react-query: the app's entry calls main through here before the rest of its code has loaded.
// Not the contract's index: that would load every call's zod schema into the first chunk; main validates anyway.
import { BRIDGE_GLOBAL } from '../../src-preload/contract/bridge';
import { ConsoleError } from '../../src-preload/contract/errors';
import type { CallInput, CallName, CallOutput, ConsoleBridge } from '../../src-preload/contract';

declare global {
  // Set by the preload's contextBridge, or in tests by the browser bridge; absent outside Stripe Console.
  var stripeConsole: ConsoleBridge | undefined;
}

/** The one object the preload (or, in tests, the browser bridge) provides. The renderer never knows which. */
export function bridge(): ConsoleBridge {
  const api = globalThis[BRIDGE_GLOBAL];
  if (!api) throw new ConsoleError('internal', 'The app bridge is missing: this page must run inside Stripe Console.');
  return api;
}

/** Answers asked for ahead (`invokeAhead`) and not yet taken, by call and input. */
const askedAhead = new Map<string, Promise<unknown>>();

/**
 * Calls main; resolves with the value or throws the typed ConsoleError main sent. The first call that is the same
 * as one asked ahead takes that call's answer instead of asking again.
 */
export function invoke<C extends CallName>(call: C, input: CallInput<C>): Promise<CallOutput<C>> {
  if (askedAhead.size > 0) {
    const key = callKey(call, input);
    const ahead = askedAhead.get(key);
    if (ahead) {
      askedAhead.delete(key);
      return ahead as Promise<CallOutput<C>>;
    }
  }
  return send(call, input);
}

/**
 * Asks main now for what code that hasn't loaded yet will ask for: the app's entry calls this while the app's
 * chunk loads, so the first page is on its way (or in) when React first renders. The same call through the same
 * bridge, validated by main the same way; the first `invoke` of the same call and input gets its answer.
 */
export function invokeAhead<C extends CallName>(call: C, input: CallInput<C>): Promise<CallOutput<C>> {
  const answer = send(call, input);
  // A failure belongs to whoever takes the answer: until then it is not an unhandled rejection.
  answer.catch(() => undefined);
  askedAhead.set(callKey(call, input), answer);
  return answer;
}

/** Start-up is over: an answer asked ahead and not taken by now would be stale if taken later. */
export function forgetAskedAhead(): void {
  askedAhead.clear();
}

async function send<C extends CallName>(call: C, input: CallInput<C>): Promise<CallOutput<C>> {
  const result = await bridge().invoke(call, input);
  if (!result.ok) throw ConsoleError.fromShape(result.error);
  return result.value;
}

/** The same call and input, whatever order the input's keys were written in. */
function callKey(call: CallName, input: unknown): string {
  return JSON.stringify([call, input], (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
      : value,
  );
}
