import type { z } from 'zod';

/**
 * A renderer→main call: the input schema main validates against, and the result type (phantom).
 * Defined once here; main, preload, renderer and the browser test bridge all derive from it.
 */
export interface CallSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly __output?: O;
}

/** `call<Result>()(schema)`: the result type is given explicitly, the input type is inferred. */
export function call<O>() {
  return <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });
}

/** A main→renderer event and its payload type (phantom). */
export interface EventSpec<P = unknown> {
  readonly __payload?: P;
}

export function event<P>(): EventSpec<P> {
  return {};
}
