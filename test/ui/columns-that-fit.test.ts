import { describe, expect, it } from 'vitest';
import type { ColumnDef } from '@tanstack/react-table';
import { columnsThatFit } from '../../src-renderer/app/columns-that-fit';

interface Row {
  email: string;
  balance: number;
}
const columns: ColumnDef<Row, unknown>[] = [
  { id: 'email', meta: { minWidth: 250 } },
  { id: 'name', size: 200, meta: { priority: 2 } },
  { id: 'balance', size: 110, meta: { priority: 4, hasValue: (row) => row.balance !== 0 } },
  { id: 'created', size: 130, meta: { priority: 3 } },
];
const noBalance = [{ email: 'a@example.com', balance: 0 }];
const oneBalance = [...noBalance, { email: 'b@example.com', balance: -500 }];

describe('columnsThatFit', () => {
  it('keeps the flexible column its minimum before showing optional columns', () => {
    // 250 + 200 + 130 = 580: the dates fit, the balance (after them) does not.
    expect(columnsThatFit(columns, 600, oneBalance)).toEqual({
      email: true,
      name: true,
      created: true,
      balance: false,
    });
    expect(columnsThatFit(columns, 500, oneBalance)).toEqual({
      email: true,
      name: true,
      created: false,
      balance: false,
    });
  });

  it('leaves a column out while no row fills it, and shows it once one does', () => {
    expect(columnsThatFit(columns, 2000, noBalance).balance).toBe(false);
    expect(columnsThatFit(columns, 2000, oneBalance).balance).toBe(true);
  });

  it('always shows an essential column, however narrow', () => {
    expect(columnsThatFit(columns, 100, noBalance)).toEqual({
      email: true,
      name: false,
      created: false,
      balance: false,
    });
  });
});
