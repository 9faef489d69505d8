import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ColumnDef, SortingState } from '@tanstack/react-table';
import type { CallName, CustomerFilters, CustomerRow, CustomerSortField, Scope } from '../../src-preload/contract';
import { ListStates, Loading } from '../app/states';
import { useUi } from '../app/ui-store';
import { VirtualTable } from '../app/VirtualTable';
import { invoke, useCall, useInfiniteCall } from '../ipc/client';
import { Money } from '../money/Money';
import { When } from '../ui/time';
import { Badge } from '../ui/status-badge';
import { DetailPane } from '../app/DetailPane';
import { useLiveCustomerSearch } from './use-live-customer-search';
import { customersListInput, DEFAULT_CUSTOMER_SORT } from './customers-list';
import { ExportCsvButton } from '../ui/ExportCsvButton';
import { useOfflineReason, useRefreshOnSync } from '../app/live-data';
import { CustomerFiltersBar } from './CustomerFiltersBar';
import { NewCustomerButton } from './NewCustomerButton';
import { firstViewIsShown } from '../app/first-view';
import '../payments/payments.css';
import { countOf } from '../ui/labels';
import './customers.css';

/** The open customer's page is its own chunk: the list, the first thing shown, doesn't wait for its code. */
const loadCustomerDetail = () => import('./CustomerDetail').then((m) => ({ default: m.CustomerDetail }));
const CustomerDetail = lazy(loadCustomerDetail);

const SEARCH_DEBOUNCE_MS = 100;

const COLUMNS: ColumnDef<CustomerRow, unknown>[] = [
  // What agents search by: it keeps room for a whole address before anything optional is shown.
  { id: 'email', header: 'Email', meta: { minWidth: 250 }, cell: ({ row }) => row.original.email ?? '—' },
  { id: 'name', header: 'Name', size: 200, meta: { priority: 2 }, cell: ({ row }) => row.original.name ?? '—' },
  {
    id: 'phone',
    header: 'Phone',
    size: 150,
    enableSorting: false,
    meta: { priority: 5 },
    cell: ({ row }) => row.original.phone ?? '',
  },
  {
    id: 'cards',
    header: 'Cards',
    size: 120,
    meta: { priority: 4 },
    enableSorting: false,
    cell: ({ row }) => row.original.cardLast4s.map((l) => `•${l}`).join(' '),
  },
  {
    id: 'balance',
    header: 'Balance',
    size: 110,
    // Most customers have none: the column shows only when a listed customer has one, and after the dates.
    meta: { priority: 4, hasValue: (customer) => Boolean(customer.balance) },
    enableSorting: false,
    cell: ({ row }) =>
      row.original.balance ? <Money amount={row.original.balance} currency={row.original.currency} /> : '',
  },
  {
    id: 'flags',
    header: '',
    size: 104,
    meta: { priority: 3, hasValue: (customer) => customer.delinquent },
    enableSorting: false,
    cell: ({ row }) => (row.original.delinquent ? <Badge value="delinquent" tone="red" label="Delinquent" /> : null),
  },
  {
    id: 'created',
    header: 'Created',
    size: 130,
    meta: { priority: 3 },
    cell: ({ row }) => <When seconds={row.original.created} dayOnly />,
  },
  {
    id: 'id',
    header: 'ID',
    size: 200,
    meta: { priority: 6 },
    enableSorting: false,
    cell: ({ row }) => <span className="mono">{row.original.id}</span>,
  },
];

/** Beside an open customer, the list keeps what identifies a row. */
const COMPACT_COLUMNS = COLUMNS.filter((c) => ['email', 'name', 'flags'].includes(c.id!));
/** While searching, rows come in the index's order: no column is sorted. */
const MATCH_ORDER: SortingState = [];
const REFRESHED_ON_SYNC: CallName[] = ['customers.search', 'customers.count'];
const customerId = (c: CustomerRow) => c.id;

/** Find a customer in a million: search as you type, filter, sort, page by keyset; arrows and Enter open one. */
export function CustomersView({ scope }: { scope: Scope }) {
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<CustomerFilters>({});
  const [sorting, setSorting] = useState<SortingState>([
    { id: DEFAULT_CUSTOMER_SORT.field, desc: DEFAULT_CUSTOMER_SORT.direction === 'desc' },
  ]);
  const selectedId = useUi((s) => s.selectedId);
  const navigate = useUi((s) => s.navigate);
  const closePane = useUi((s) => s.closePane);
  const tableHost = useRef<HTMLDivElement>(null);
  const offline = useOfflineReason();

  const sortField = sorting[0]?.id as CustomerSortField | undefined;
  const sortDirection = sorting[0]?.desc ? 'desc' : 'asc';
  const input = useMemo(
    () => customersListInput(scope, filters, query, sortField ? { field: sortField, direction: sortDirection } : null),
    [scope, filters, query, sortField, sortDirection],
  );
  const list = useInfiniteCall('customers.search', input);
  const live = useLiveCustomerSearch(scope, query);
  // The exact total is its own call, asked for once the first page is in: counting a million customers held that
  // page up. It is the whole list's, so it shows only while nothing narrows or reorders it.
  const count = useCall('customers.count', { scope }, { enabled: !list.isPending });
  useRefreshOnSync(REFRESHED_ON_SYNC);
  const selected = selectedId?.startsWith('cus_') ? selectedId : null;
  const filtered = Object.keys(filters).length > 0;
  const wholeList = !query && !filtered && (sortField ?? DEFAULT_CUSTOMER_SORT.field) === DEFAULT_CUSTOMER_SORT.field;

  const settled = !list.isPending;
  useEffect(() => {
    if (settled) firstViewIsShown();
  }, [settled]);

  const firstRow = useRef<CustomerRow | undefined>(undefined);
  useEffect(() => {
    firstRow.current = list.rows[0];
  });
  const openFirst = useCallback(() => {
    if (firstRow.current) navigate('customers', firstRow.current.id);
  }, [navigate]);
  const focusList = useCallback(() => tableHost.current?.querySelector<HTMLElement>('[role="grid"]')?.focus(), []);
  const open = useCallback((c: CustomerRow) => navigate('customers', c.id), [navigate]);
  const { fetchNextPage } = list;
  const more = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  return (
    <div className={`view customers-view master-detail ${selected ? 'with-detail' : ''}`}>
      <div className="list-pane">
        <h1>Customers</h1>
        <div className="toolbar">
          <CustomerSearchBox onQuery={setQuery} onEnter={openFirst} onArrowDown={focusList} />
          {wholeList && count.data ? <span className="hint">{countOf(count.data.total, 'customer')}</span> : null}
          {query ? <span className="hint">Sorted by match while searching</span> : null}
          {live ? (
            <span
              className="badge live-result"
              role="status"
              title="Stripe’s Search API answered: sync hasn’t fetched these yet"
            >
              {live}
            </span>
          ) : null}
          <ExportCsvButton noun="customers" run={() => invoke('customers.exportCsv', input)} />
          <NewCustomerButton scope={scope} />
        </div>
        <CustomerFiltersBar filters={filters} onChange={setFilters} />
        {offline ? <p className="hint disabled-reason">{offline}</p> : null}
        <ListStates
          list={list}
          noun="customers"
          loadingLabel="Searching customers…"
          narrowed={Boolean(query) || filtered}
          narrowedHint="Try fewer letters or clear a filter."
        />
        {list.rows.length > 0 ? (
          // Pointing at or moving into the list is the step before opening a customer: their page's code loads then.
          <div
            className="table-host"
            ref={tableHost}
            onPointerEnter={() => void loadCustomerDetail()}
            onFocus={() => void loadCustomerDetail()}
          >
            <VirtualTable
              label="Customers"
              columns={selected ? COMPACT_COLUMNS : COLUMNS}
              rows={list.rows}
              getRowId={customerId}
              onOpen={open}
              onEndReached={more}
              hasMore={list.hasNextPage}
              loading={list.isFetchingNextPage}
              sorting={query ? MATCH_ORDER : sorting}
              {...(query ? {} : { onSortingChange: setSorting })}
              activeId={selected}
            />
          </div>
        ) : null}
      </div>
      {selected ? (
        <DetailPane key={selected} label="Customer">
          <Suspense fallback={<Loading label="Opening the customer…" />}>
            <CustomerDetail scope={scope} customerId={selected} onClose={closePane} />
          </Suspense>
        </DetailPane>
      ) : null}
    </div>
  );
}

/**
 * The search box keeps what is typed to itself: a keystroke renders the box, not the list and its rows beside it.
 * The list hears the trimmed text once typing pauses for the debounce.
 */
function CustomerSearchBox(props: { onQuery(query: string): void; onEnter(): void; onArrowDown(): void }) {
  const { onQuery } = props;
  const [text, setText] = useState('');
  const focusRequest = useUi((s) => s.searchFocusRequest);
  const box = useRef<HTMLInputElement>(null);

  useEffect(() => {
    box.current?.focus();
    box.current?.select();
  }, [focusRequest]);

  useEffect(() => {
    const timer = setTimeout(() => onQuery(text.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, onQuery]);

  return (
    <input
      ref={box}
      type="search"
      placeholder="Email, name, id, phone or card last4"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown') {
          e.preventDefault();
          props.onArrowDown();
        } else if (e.key === 'Enter') props.onEnter();
      }}
      aria-label="Search customers"
    />
  );
}
