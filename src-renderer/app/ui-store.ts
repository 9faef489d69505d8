import { create } from 'zustand';

export const VIEWS = [
  'customers',
  'payments',
  'subscriptions',
  'invoices',
  'disputes',
  'radar',
  'balance',
  'events',
  'activity',
  'settings',
] as const;
export type View = (typeof VIEWS)[number];

export interface Location {
  view: View;
  selectedId: string | null;
}

export type Overlay = 'search' | 'shortcuts' | null;

/** What is open in the window. Server state lives in react-query; this is only UI state. */
interface UiState {
  view: View;
  /** The object opened inside the current view (customer, payment, dispute…). */
  selectedId: string | null;
  /** Where a drill-down came from (a customer → one of their payments): Back and Escape return there. */
  returnTo: Location | null;
  /** The window-wide search or the shortcut sheet, over everything else. */
  overlay: Overlay;
  /** Bumped by the global search shortcut so the customers search box takes focus. */
  searchFocusRequest: number;
  navigate(view: View, selectedId?: string | null): void;
  /** Opens an object in another view, remembering the open one so Back returns to it. */
  drillDown(view: View, selectedId: string): void;
  /** Closes the innermost pane: back to where a drill-down came from, else the open object. */
  closePane(): void;
  setOverlay(overlay: Overlay): void;
  focusSearch(): void;
}

export const useUi = create<UiState>((set) => ({
  view: 'customers',
  selectedId: null,
  returnTo: null,
  overlay: null,
  searchFocusRequest: 0,
  navigate: (view, selectedId = null) => set({ view, selectedId, returnTo: null }),
  drillDown: (view, selectedId) =>
    set((s) => ({ view, selectedId, returnTo: s.selectedId ? { view: s.view, selectedId: s.selectedId } : null })),
  closePane: () =>
    set((s) => (s.returnTo ? { ...s.returnTo, returnTo: null } : s.selectedId ? { selectedId: null } : s)),
  setOverlay: (overlay) => set({ overlay }),
  focusSearch: () =>
    set((s) => ({
      view: 'customers',
      selectedId: null,
      returnTo: null,
      overlay: null,
      searchFocusRequest: s.searchFocusRequest + 1,
    })),
}));
