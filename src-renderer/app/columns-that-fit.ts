import type { ColumnDef, RowData, VisibilityState } from '@tanstack/react-table';

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** 1 (default) always shows; higher numbers give way first when the table is narrow. */
    priority?: number;
    /** A flexible column (no `size`) needs at least this much to be worth showing (an email cut to "niamh…" isn't). */
    minWidth?: number;
    /**
     * A column most rows leave empty (a customer's balance): shown only when a loaded row has a value, so an
     * empty column never takes the width a filled one needs.
     */
    hasValue?: (row: TData) => boolean;
  }
}

/** A column without a width of its own still needs this much to be worth showing. */
export const FLEX_MIN_WIDTH = 160;

/** The width a column claims when deciding what fits: its own size, or its flexible minimum. */
export function claimedWidth<T>(column: ColumnDef<T, unknown>): number {
  return column.size && column.size > 0 ? column.size : (column.meta?.minWidth ?? FLEX_MIN_WIDTH);
}

/**
 * Which columns fit in `width`, most important first; essential (priority 1) columns always stay, and a column
 * with `hasValue` stays out while no row in `rows` fills it.
 */
export function columnsThatFit<T>(
  columns: ColumnDef<T, unknown>[],
  width: number,
  rows: readonly T[],
): VisibilityState {
  const order = columns
    .map((column, index) => ({ id: column.id ?? String(index), index, column }))
    .sort((a, b) => (a.column.meta?.priority ?? 1) - (b.column.meta?.priority ?? 1) || a.index - b.index);
  const visibility: VisibilityState = {};
  let used = 0;
  for (const { id, column } of order) {
    const need = claimedWidth(column);
    const essential = (column.meta?.priority ?? 1) <= 1;
    const hasValue = column.meta?.hasValue;
    const filled = !hasValue || rows.some((row) => hasValue(row));
    visibility[id] = filled && (essential || used + need <= width);
    if (visibility[id]) used += need;
  }
  return visibility;
}
