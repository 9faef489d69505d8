import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
// Base styles first, so a feature's stylesheet wins over them at equal specificity.
import './app/styles.css';
import { App } from './app/App';
import { startFirstView } from './app/first-view';

const queryClient = new QueryClient({
  defaultOptions: {
    // Main serves reads from the local cache: they are cheap, and events tell us when to refetch.
    queries: {
      staleTime: 5_000,
      retry: (count, error) => count < 2 && (error as { retryable?: boolean }).retryable === true,
    },
  },
});

// A failure here is not lost: the views' own queries ask again and show it.
void startFirstView(queryClient).catch(() => undefined);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
