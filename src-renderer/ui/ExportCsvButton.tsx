import { useState } from 'react';
import { Download } from 'lucide-react';
import type { ListCsvExport } from '../../src-preload/contract';
import { saveTextFile } from './save-file';
import { plainWords } from './labels';

/** Exports what a list shows under its current search and filters; says when the export was cut short. */
export function ExportCsvButton({ run, noun }: { run(): Promise<ListCsvExport>; noun: string }) {
  const [state, setState] = useState<{ busy: boolean; note: string | null }>({ busy: false, note: null });
  const exportNow = async () => {
    setState({ busy: true, note: null });
    try {
      const result = await run();
      saveTextFile(result.filename, result.csv, 'text/csv');
      setState({
        busy: false,
        note: result.truncated
          ? `Exported the first ${result.rows.toLocaleString()} ${noun}; narrow the filter for the rest.`
          : `Exported ${result.rows.toLocaleString()} ${noun}.`,
      });
    } catch (err) {
      setState({ busy: false, note: `Export failed: ${plainWords((err as Error).message)}` });
    }
  };
  return (
    <>
      <button
        type="button"
        className="secondary"
        onClick={() => void exportNow()}
        disabled={state.busy}
        title={`Export the ${noun} this search and these filters show, as CSV`}
      >
        <Download size={14} aria-hidden="true" /> {state.busy ? 'Exporting…' : 'Export CSV'}
      </button>
      {state.note ? (
        <span className="hint" role="status">
          {state.note}
        </span>
      ) : null}
    </>
  );
}
