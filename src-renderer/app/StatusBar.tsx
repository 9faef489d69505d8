import { Wifi, WifiOff } from 'lucide-react';
import { SyncStatus } from '../sync/SyncStatus';
import { formatDateTime, formatFull } from '../ui/time';
import { useConnectivity } from './live-data';

export function StatusBar() {
  const connectivity = useConnectivity();
  return (
    <footer className="status-bar">
      {connectivity && !connectivity.online ? (
        <span
          className="offline"
          role="status"
          data-testid="offline-indicator"
          title={connectivity.dataAsOf ? formatFull(connectivity.dataAsOf) : undefined}
        >
          <WifiOff size={14} aria-hidden="true" className="icon" /> Offline — data as of{' '}
          {connectivity.dataAsOf ? formatDateTime(connectivity.dataAsOf) : 'never'}
        </span>
      ) : (
        <span className="online">
          <Wifi size={14} aria-hidden="true" className="icon" /> Online
        </span>
      )}
      <SyncStatus />
    </footer>
  );
}
