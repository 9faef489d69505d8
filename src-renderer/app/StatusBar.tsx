import { useQueryClient } from '@tanstack/react-query';
import { useCall, useConsoleEvent } from '../ipc/client';
import { SyncStatus } from '../sync/SyncStatus';

function formatTime(seconds: number | null): string {
  return seconds ? new Date(seconds * 1000).toLocaleString() : 'never';
}

export function StatusBar() {
  const queryClient = useQueryClient();
  useConsoleEvent('connectivity.changed', (c) => queryClient.setQueryData(['connectivity.get', {}], c));
  const connectivity = useCall('connectivity.get', {}).data;
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
