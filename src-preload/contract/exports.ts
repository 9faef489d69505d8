import { call } from './define';
import { customersCalls } from './customers';
import { paymentsCalls } from './payments';

/** A CSV of what a list shows under its current search and filters. */
export interface ListCsvExport {
  filename: string;
  csv: string;
  rows: number;
  /** More rows matched than one export carries (EXPORT_ROW_LIMIT): narrow the filter and export again. */
  truncated: boolean;
}

export const EXPORT_ROW_LIMIT = 100_000;

const withoutPaging = { cursor: true, limit: true } as const;

export const exportsCalls = {
  /** The customers list as filtered and sorted, as CSV. */
  'customers.exportCsv': call<ListCsvExport>()(customersCalls['customers.search'].input.omit(withoutPaging)),
  /** The payments list as filtered (status, date, amount, currency, search), as CSV. */
  'payments.exportCsv': call<ListCsvExport>()(paymentsCalls['payments.list'].input.omit(withoutPaging)),
};
