// The host's own key-value storage (OfficeRuntime.storage: the shared runtime's, kept across Excel
// sessions), when the host offers it. The pane decides what to remember; this only reaches the store.

/** A key-value store the pane can remember things in (localStorage, OfficeRuntime.storage, or a test double). */
export interface KeyValueStore {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

/** OfficeRuntime.storage as a KeyValueStore, or null where the host has none (a browser, old Excel). */
export function officeRuntimeStore(): KeyValueStore | null {
  if (typeof OfficeRuntime === 'undefined' || typeof OfficeRuntime.storage?.getItem !== 'function')
    return null;
  const storage = OfficeRuntime.storage;
  return {
    getItem: async (key) => storage.getItem(key),
    setItem: (key, value) => storage.setItem(key, value),
    removeItem: (key) => storage.removeItem(key),
  };
}
