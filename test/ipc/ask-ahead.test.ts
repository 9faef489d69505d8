import { afterEach, describe, expect, it } from 'vitest';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import type { CallName, ConsoleBridge, Page, Session } from '../../src-preload/contract';
import { ConsoleError } from '../../src-preload/contract/errors';
import { CallRouter, type Handlers } from '../../src-main/ipc/router';
import type { Logger } from '../../src-main/platform/logger';
import { askFirstViewAhead } from '../../src-renderer/app/ask-ahead';
import { startFirstView } from '../../src-renderer/app/first-view';
import { infiniteCallOptions } from '../../src-renderer/ipc/client';
import { forgetAskedAhead, invoke, invokeAhead } from '../../src-renderer/ipc/invoke';
import { customersListInput, DEFAULT_CUSTOMER_SORT } from '../../src-renderer/customers/customers-list';

const silent: Logger = { log: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const scope = { accountId: 'acct_1', mode: 'test' as const };
const firstPage: Page<{ id: string }> = { items: [{ id: 'cus_1' }], nextCursor: 'c1', total: null };

/**
 * The renderer's bridge over main's real router: every call is validated against the contract as in the app,
 * and each one that reaches a handler is recorded.
 */
function bridgeOverRouter(answers: Partial<Record<CallName, () => unknown>>) {
  const reached: { call: CallName; input: unknown }[] = [];
  const handlers = new Proxy({} as Handlers, {
    get: (_target, name) => (input: unknown) => {
      reached.push({ call: name as CallName, input });
      const answer = answers[name as CallName];
      if (!answer) throw new ConsoleError('not_found', `no answer for ${String(name)}`);
      return answer();
    },
  });
  const router = new CallRouter(handlers, silent);
  const bridge: ConsoleBridge = {
    invoke: (call, input) => router.dispatch(call, input) as never,
    on: () => () => undefined,
  };
  globalThis.stripeConsole = bridge;
  return reached;
}

afterEach(() => {
  forgetAskedAhead();
  delete globalThis.stripeConsole;
});

describe('the first view asked for ahead', () => {
  it('asks main once for the session and the first page, which the Customers list’s queries then hold', async () => {
    const session: Session = { accountId: scope.accountId, mode: 'test' };
    const reached = bridgeOverRouter({ 'session.get': () => session, 'customers.search': () => firstPage });

    await askFirstViewAhead();
    const queryClient = new QueryClient();
    await startFirstView(queryClient);
    // The query the Customers view mounts with, built as the view builds it.
    const sort = { field: DEFAULT_CUSTOMER_SORT.field, direction: DEFAULT_CUSTOMER_SORT.direction };
    const list = new QueryObserver(queryClient, {
      ...infiniteCallOptions('customers.search', customersListInput(scope, {}, '', sort)),
      staleTime: Infinity,
    } as never);
    const unsubscribe = list.subscribe(() => undefined);

    expect(list.getCurrentResult().data).toEqual({ pages: [firstPage], pageParams: [null] });
    expect(queryClient.getQueryData(['session.get', {}])).toEqual(session);
    // Each reached main's handler once, so each passed the contract's validation, as any call does.
    expect(reached.map((r) => r.call)).toEqual(['session.get', 'customers.search']);
    expect(reached[1]!.input).toMatchObject({ scope, filters: {}, sort: { field: 'created', direction: 'desc' } });
    unsubscribe();
  });

  it('asks for no page when the session names no account', async () => {
    const reached = bridgeOverRouter({ 'session.get': () => ({ accountId: null, mode: 'test' }) });
    await askFirstViewAhead();
    expect(reached.map((r) => r.call)).toEqual(['session.get']);
  });

  it('settles when main refuses the session, and hands the failure to the query that takes it', async () => {
    bridgeOverRouter({});
    await askFirstViewAhead();
    await expect(invoke('session.get', {})).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('invokeAhead', () => {
  it('hands its answer to the first same call only, whatever order the input’s keys are in', async () => {
    const reached = bridgeOverRouter({ 'customers.search': () => firstPage });
    const input = { scope, filters: {}, sort: DEFAULT_CUSTOMER_SORT, cursor: null };
    const ahead = invokeAhead('customers.search', input);
    const reordered = {
      cursor: null,
      sort: { direction: 'desc' as const, field: 'created' as const },
      filters: {},
      scope,
    };

    await expect(invoke('customers.search', reordered)).resolves.toEqual(firstPage);
    expect(reached).toHaveLength(1);
    await ahead;
    await invoke('customers.search', input);
    await invoke('customers.search', { ...input, query: 'ada' });
    expect(reached).toHaveLength(3);
  });

  it('hands main’s refusal over as the typed error, not as an unhandled rejection', async () => {
    bridgeOverRouter({});
    void invokeAhead('customers.search', { scope: { accountId: '', mode: 'test' }, cursor: null });
    await new Promise((resolve) => setImmediate(resolve));
    const taken = invoke('customers.search', { scope: { accountId: '', mode: 'test' }, cursor: null });
    await expect(taken).rejects.toBeInstanceOf(ConsoleError);
    await expect(taken).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('forgets what was not taken once start-up is over: later calls ask main', async () => {
    const reached = bridgeOverRouter({ 'session.get': () => ({ accountId: null, mode: 'test' }) });
    await invokeAhead('session.get', {});
    forgetAskedAhead();
    await invoke('session.get', {});
    expect(reached).toHaveLength(2);
  });
});
