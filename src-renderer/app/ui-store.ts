import { create } from 'zustand';

export const VIEWS = ['customers', 'payments', 'subscriptions', 'disputes', 'events', 'activity', 'settings'] as const;
export type View = (typeof VIEWS)[number];

/** What is open in the window. Server state lives in react-query; this is only UI state. */
interface UiState {
  view: View;
  /** The object opened inside the current view (customer, payment, dispute…). */
  selectedId: string | null;
  /** Bumped by the global search shortcut so the customers search box takes focus. */
  searchFocusRequest: number;
  navigate(view: View, selectedId?: string | null): void;
  focusSearch(): void;
}

export const useUi = create<UiState>((set) => ({
  view: 'customers',
  selectedId: null,
  searchFocusRequest: 0,
  navigate: (view, selectedId = null) => set({ view, selectedId }),
  focusSearch: () =>
    set((s) => ({ view: 'customers', selectedId: null, searchFocusRequest: s.searchFocusRequest + 1 })),
}));
