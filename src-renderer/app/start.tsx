import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from './App';
import { startFirstView } from './first-view';

const queryClient = new QueryClient({
  defaultOptions: {
    // Main serves reads from the local cache: they are cheap, and events tell us when to refetch.
    queries: {
      staleTime: 5_000,
      retry: (count, error) => count < 2 && (error as { retryable?: boolean }).retryable === true,
    },
  },
});

function render(): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}

// The first render waits for the first view's data (asked for by the entry, usually in by now): rendered before
// it, the shell would render once without the session (showing no account and the wrong mode), again with it,
// and the list again with its rows, each render on the first row's way. A failure is not lost: the views' own
// queries ask again and show it.
void startFirstView(queryClient)
  .catch(() => undefined)
  .then(render);
