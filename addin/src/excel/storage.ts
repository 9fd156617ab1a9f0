// The host's own key-value storage (OfficeRuntime.storage: the shared runtime's, kept across Excel
// sessions), when the host offers it. The pane decides what to remember; this only reaches the store.

/** A key-value store the pane can remember things in (localStorage, OfficeRuntime.storage, or a test double). */
export interface KeyValueStore {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

/**
 * Whether the host documents OfficeRuntime.storage: SharedRuntime 1.1 in a task pane. The custom functions'
 * own runtime (no shared runtime) has storage but no Office.context to ask; there the object's presence decides.
 */
function hostStorageSupported(): boolean {
  try {
    const requirements = typeof Office === 'undefined' ? undefined : Office.context?.requirements;
    if (typeof requirements?.isSetSupported !== 'function') return true;
    return requirements.isSetSupported('SharedRuntime', '1.1');
  } catch (error) {
    console.warn('could not ask the host for SharedRuntime 1.1; not using OfficeRuntime.storage', error);
    return false;
  }
}

/**
 * OfficeRuntime.storage as a KeyValueStore, or null where the host has none (a browser, old Excel without
 * the shared runtime). Its calls may still reject: callers wrap it (ui/state.ts tolerantStore).
 */
export function officeRuntimeStore(): KeyValueStore | null {
  if (typeof OfficeRuntime === 'undefined' || typeof OfficeRuntime.storage?.getItem !== 'function')
    return null;
  if (!hostStorageSupported()) return null;
  const storage = OfficeRuntime.storage;
  return {
    getItem: async (key) => storage.getItem(key),
    setItem: (key, value) => storage.setItem(key, value),
    removeItem: (key) => storage.removeItem(key),
  };
}
