import { ZodError } from 'zod';
import {
  calls,
  isCallName,
  ConsoleError,
  type CallName,
  type CallOutput,
  type CallParsed,
  type Result,
} from '../../src-preload/contract';
import type { Logger } from '../platform/logger';
import { toConsoleError } from '../stripe/errors';

export type CallHandler<C extends CallName> = (input: CallParsed<C>) => Promise<CallOutput<C>> | CallOutput<C>;
/** A feature's handlers: thin adapters from a validated payload to a service method. */
export type HandlerGroup<K extends CallName> = { [C in K]: CallHandler<C> };
export type Handlers = HandlerGroup<CallName>;

/**
 * Validates every inbound payload against the contract and turns every outcome into a serialisable Result.
 * Transport-agnostic: Electron's ipcMain and the test host's WebSocket both call `dispatch`.
 */
export class CallRouter {
  constructor(
    private readonly handlers: Handlers,
    private readonly logger: Logger,
  ) {}

  async dispatch(name: unknown, payload: unknown): Promise<Result<unknown>> {
    if (!isCallName(name)) {
      return { ok: false, error: { code: 'invalid_input', message: 'Unknown call.', retryable: false } };
    }
    const parsed = calls[name].input.safeParse(payload);
    if (!parsed.success) return { ok: false, error: validationError(parsed.error).toShape() };
    try {
      const handler = this.handlers[name] as (input: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value: value === undefined ? null : value };
    } catch (err) {
      const error = toConsoleError(err);
      if (error.code === 'internal') this.logger.error('call failed', { call: name, error: String(err) });
      return { ok: false, error: error.toShape() };
    }
  }
}

function validationError(error: ZodError): ConsoleError {
  const first = error.issues[0];
  const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  return new ConsoleError('invalid_input', `Invalid request — ${where}${first?.message ?? 'bad payload'}`, {
    details: { issues: error.issues.length, path: first?.path.join('.') ?? null },
  });
}
