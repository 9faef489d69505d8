import { useEffect, useMemo, useRef } from 'react';
import {
  infiniteQueryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type UseQueryOptions,
} from '@tanstack/react-query';
import type { ConsoleError } from '../../src-preload/contract/errors';
import type { CallInput, CallName, CallOutput, EventName, EventPayload, Page } from '../../src-preload/contract';
import { bridge, invoke } from './invoke';

export { invoke } from './invoke';

/** A query over a main call; the query key is the call and its input, so a new scope is a new cache entry. */
export function useCall<C extends CallName>(
  call: C,
  input: CallInput<C>,
  options: Omit<UseQueryOptions<CallOutput<C>, ConsoleError>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<CallOutput<C>, ConsoleError>({
    queryKey: [call, input],
    queryFn: () => invoke(call, input),
    ...options,
  });
}

/** A mutation over a main call. `invalidates` lists call names whose cached results it makes stale. */
export function useMutationCall<C extends CallName>(call: C, invalidates: CallName[] = []) {
  const queryClient = useQueryClient();
  return useMutation<CallOutput<C>, ConsoleError, CallInput<C>>({
    mutationFn: (input) => invoke(call, input),
    onSettled: () => Promise.all(invalidates.map((name) => queryClient.invalidateQueries({ queryKey: [name] }))),
  });
}

/** Subscribes to a main→renderer event for the component's lifetime. */
export function useConsoleEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => bridge().on(event, (payload) => latest.current(payload)), [event]);
}

/** Calls whose input takes a keyset `cursor` and whose result is a Page. */
type PagedCall = {
  [C in CallName]: CallInput<C> extends { cursor?: unknown }
    ? CallOutput<C> extends Page<unknown>
      ? C
      : never
    : never;
}[CallName];
type RowOf<C extends PagedCall> = CallOutput<C> extends Page<infer T> ? T : never;

/** Keyset paging over a main call, as options: the hook below and a prefetch at start-up share one cache entry. */
export function infiniteCallOptions<C extends PagedCall>(call: C, input: Omit<CallInput<C>, 'cursor'>) {
  return infiniteQueryOptions<Page<RowOf<C>>, ConsoleError>({
    queryKey: [call, input],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      invoke(call, { ...input, cursor: pageParam } as CallInput<C>) as Promise<Page<RowOf<C>>>,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Keyset paging over a main call: pages arrive as the user scrolls; the renderer never asks for a whole table. */
export function useInfiniteCall<C extends PagedCall>(call: C, input: Omit<CallInput<C>, 'cursor'>) {
  const query = useInfiniteQuery(infiniteCallOptions(call, input));
  // The same array until a page changes, so a memoized table beside other state isn't rendered again for nothing.
  const pages = query.data?.pages;
  const rows = useMemo(() => pages?.flatMap((p) => p.items) ?? [], [pages]);
  const total = query.data?.pages[0]?.total ?? null;
  return { ...query, rows, total };
}
