import type { Scope } from '../../src-preload/contract';
import { useUi } from '../app/ui-store';
import { DisputeQueueView } from './DisputeQueueView';
import { DisputeDetailView } from './DisputeDetailView';
import './disputes.css';

/** Finance's dispute work: the queue, or one dispute when opened. */
export function DisputesView({ scope }: { scope: Scope }) {
  const selectedId = useUi((s) => s.selectedId);
  return selectedId ? (
    <DisputeDetailView key={selectedId} scope={scope} disputeId={selectedId} />
  ) : (
    <DisputeQueueView scope={scope} />
  );
}
