import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type OnChangeFn,
  type Row,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp } from 'lucide-react';
import { columnsThatFit } from './columns-that-fit';

/**
 * The element's content width, kept current as the window resizes. Measured before the first paint, so the rows
 * are rendered once, with the columns that fit, instead of once with every column and again after the paint.
 */
function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const node = ref.current;
    if (!node) return;
    setWidth(node.clientWidth);
    const observer = new ResizeObserver(() => setWidth(node.clientWidth));
    observer.observe(node);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

export interface VirtualTableProps<T> {
  columns: ColumnDef<T, unknown>[];
  rows: T[];
  getRowId(row: T): string;
  onOpen?(row: T): void;
  /** Asked for when the user scrolls near the end of what is loaded. */
  onEndReached?(): void;
  hasMore?: boolean;
  loading?: boolean;
  /** Sorting happens in SQL in main: the table only reports what the user asked for. */
  sorting?: SortingState;
  onSortingChange?: OnChangeFn<SortingState>;
  rowHeight?: number;
  label: string;
  /** Row id to highlight (e.g. the open object). */
  activeId?: string | null;
}

/**
 * A table that stays smooth at a million rows: only visible rows are in the DOM, data arrives page by page,
 * columns give way by priority when the window is narrow, and it is driven from the keyboard (arrows or J/K move,
 * Enter opens).
 */
function VirtualTableOf<T>(props: VirtualTableProps<T>) {
  const { rows, rowHeight = 36, hasMore, loading, onEndReached } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const [focused, setFocused] = useState(0);
  const width = useWidth(hostRef);
  const columnVisibility = useMemo(
    () => (width > 0 ? columnsThatFit(props.columns, width, rows) : {}),
    [props.columns, width, rows],
  );

  const table = useReactTable({
    data: rows,
    columns: props.columns,
    getRowId: props.getRowId,
    getCoreRowModel: getCoreRowModel(),
    // Size 0 marks a column without a width of its own: it shares the spare space (TanStack would default to 150).
    defaultColumn: { size: 0, minSize: 0 },
    manualSorting: true,
    state: { sorting: props.sorting ?? [], columnVisibility },
    ...(props.onSortingChange ? { onSortingChange: props.onSortingChange } : { enableSorting: false }),
  });
  const tableRows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    // Before the grid is measured: the window's height, so the first render already holds the rows that show.
    initialRect: { width: 0, height: window.innerHeight },
    // A few rows beyond the edge keep scrolling smooth; each one more is rendered on every new list.
    overscan: 4,
  });
  // Until the width is known (a layout effect, before the first paint) no row is rendered with the wrong columns.
  const items = width > 0 ? virtualizer.getVirtualItems() : [];
  const lastVisible = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (hasMore && !loading && lastVisible >= tableRows.length - 20) onEndReached?.();
  }, [lastVisible, tableRows.length, hasMore, loading, onEndReached]);

  useEffect(() => setFocused((f) => Math.min(f, Math.max(0, tableRows.length - 1))), [tableRows.length]);

  const move = (index: number) => {
    const next = Math.max(0, Math.min(tableRows.length - 1, index));
    setFocused(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / rowHeight) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(focused + 1),
      ArrowUp: () => move(focused - 1),
      j: () => move(focused + 1),
      k: () => move(focused - 1),
      PageDown: () => move(focused + pageRows),
      PageUp: () => move(focused - pageRows),
      Home: () => move(0),
      End: () => move(tableRows.length - 1),
      Enter: () => {
        const row = tableRows[focused];
        if (row) props.onOpen?.(row.original);
      },
    };
    const action = e.ctrlKey || e.metaKey || e.altKey ? undefined : keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  const latest = useRef(props.onOpen);
  useLayoutEffect(() => {
    latest.current = props.onOpen;
  });
  // One function for every row and render, so a row whose own props didn't change isn't rendered again.
  const openAt = useMemo(
    () => (index: number, row: unknown) => {
      setFocused(index);
      latest.current?.(row as T);
    },
    [],
  );

  const gridTemplate = table
    .getVisibleLeafColumns()
    .map((c) => (c.getSize() > 0 ? `${c.getSize()}px` : 'minmax(80px, 1fr)'))
    .join(' ');

  return (
    <div ref={hostRef} className="virtual-table" data-testid="virtual-table">
      {/* The grid is the one element that scrolls and takes focus: one tab stop, reachable by keyboard (axe). */}
      <div
        ref={scrollRef}
        className="vt-scroll"
        role="grid"
        aria-label={props.label}
        aria-rowcount={props.rows.length}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        {table.getHeaderGroups().map((group) => (
          <div key={group.id} className="vt-header" role="row" style={{ gridTemplateColumns: gridTemplate }}>
            {group.headers.map((header) => {
              const sorted = header.column.getIsSorted();
              return (
                <div
                  key={header.id}
                  role="columnheader"
                  className="vt-cell"
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                >
                  {header.column.getCanSort() ? (
                    <button type="button" className="vt-sort-button" onClick={header.column.getToggleSortingHandler()}>
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      {sorted === 'asc' ? <ArrowUp size={12} className="vt-sort" aria-hidden="true" /> : null}
                      {sorted === 'desc' ? <ArrowDown size={12} className="vt-sort" aria-hidden="true" /> : null}
                    </button>
                  ) : (
                    flexRender(header.column.columnDef.header, header.getContext())
                  )}
                </div>
              );
            })}
          </div>
        ))}
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = tableRows[item.index]!;
            return (
              <TableRow
                key={row.id}
                row={row}
                index={item.index}
                start={item.start}
                height={rowHeight}
                gridTemplate={gridTemplate}
                columns={props.columns}
                columnVisibility={columnVisibility}
                focused={item.index === focused}
                active={row.id === props.activeId}
                onOpen={openAt}
              />
            );
          })}
        </div>
        {loading ? <div className="vt-loading">Loading more…</div> : null}
      </div>
    </div>
  );
}

/** Rendered again only when its own row, place, columns or highlight change (not for each move of the focus elsewhere). */
function TableRowOf<T>(props: {
  row: Row<T>;
  index: number;
  start: number;
  height: number;
  gridTemplate: string;
  /** Not read here: the cells follow them, so a change of either must render the row again. */
  columns: unknown;
  columnVisibility: unknown;
  focused: boolean;
  active: boolean;
  onOpen(index: number, row: unknown): void;
}) {
  const { row, index } = props;
  const classes = ['vt-row', props.focused ? 'focused' : '', props.active ? 'active' : ''];
  return (
    <div
      role="row"
      data-row-id={row.id}
      aria-rowindex={index + 1}
      aria-selected={props.focused}
      className={classes.join(' ')}
      style={{
        transform: `translateY(${props.start}px)`,
        height: props.height,
        gridTemplateColumns: props.gridTemplate,
      }}
      onClick={() => props.onOpen(index, row.original)}
    >
      {row.getVisibleCells().map((cell) => (
        <div key={cell.id} role="gridcell" className="vt-cell">
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </div>
      ))}
    </div>
  );
}
const TableRow = memo(TableRowOf) as typeof TableRowOf;

/** Memoized: a parent's render (a keystroke in a search box beside it) doesn't render the rows again. */
export const VirtualTable = memo(VirtualTableOf) as typeof VirtualTableOf;
