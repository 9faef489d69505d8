import { SyncStatus } from '../sync/SyncStatus';
import { useConnectivity } from './live-data';

function formatTime(seconds: number | null): string {
  return seconds ? new Date(seconds * 1000).toLocaleString() : 'never';
}

export function StatusBar() {
  const connectivity = useConnectivity();
  return (
    <footer className="status-bar">
      {connectivity && !connectivity.online ? (
        <span className="offline" role="status" data-testid="offline-indicator">
          Offline — data as of {formatTime(connectivity.dataAsOf)}
        </span>
      ) : (
        <span className="online">Online</span>
      )}
      <SyncStatus />
    </footer>
  );
}
