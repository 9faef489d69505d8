import { create } from 'zustand';
import type { DisputeFilter } from '../../src-preload/contract/disputes';

/** The queue's filter, kept while a dispute is open so "back" returns to the same view. */
interface DisputesUiState {
  filter: DisputeFilter;
  setFilter(filter: DisputeFilter): void;
}

export const useDisputesUi = create<DisputesUiState>((set) => ({
  filter: {},
  setFilter: (filter) => set({ filter }),
}));
