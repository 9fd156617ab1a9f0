import { afterEach, describe, expect, it, vi } from 'vitest';
import { availableStores, loadConnection, loadLanguage, saveConnection } from '../ui/state';
import { officeRuntimeStore } from './storage';

afterEach(() => {
  vi.unstubAllGlobals();
});

function runtimeStorage(behaviour: 'works' | 'rejects' | 'throws') {
  const data = new Map<string, string>();
  const fail = () => {
    if (behaviour === 'rejects') return Promise.reject(new Error('storage is not available'));
    throw new Error('storage is not available');
  };
  return {
    data,
    storage:
      behaviour === 'works'
        ? {
            getItem: async (key: string) => data.get(key) ?? null,
            setItem: async (key: string, value: string) => {
              data.set(key, value);
            },
            removeItem: async (key: string) => {
              data.delete(key);
            },
          }
        : { getItem: fail, setItem: fail, removeItem: fail },
  };
}

function officeWith(sharedRuntime: boolean) {
  return {
    context: {
      requirements: { isSetSupported: (name: string) => name === 'SharedRuntime' && sharedRuntime },
    },
  };
}

describe('OfficeRuntime.storage', () => {
  it('is used only where the host has SharedRuntime 1.1', async () => {
    const { storage, data } = runtimeStorage('works');
    vi.stubGlobal('OfficeRuntime', { storage });
    vi.stubGlobal('Office', officeWith(false));
    expect(officeRuntimeStore()).toBeNull();
    vi.stubGlobal('Office', officeWith(true));
    await officeRuntimeStore()?.setItem('k', 'v');
    expect(data.get('k')).toBe('v');
  });

  it('is used in the custom functions’ own runtime, which has storage but no Office.context', () => {
    vi.stubGlobal('OfficeRuntime', { storage: runtimeStorage('works').storage });
    vi.stubGlobal('Office', {});
    expect(officeRuntimeStore()).not.toBeNull();
  });

  it('is not used when asking the host throws', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.stubGlobal('OfficeRuntime', { storage: runtimeStorage('works').storage });
    vi.stubGlobal('Office', {
      context: {
        requirements: {
          isSetSupported: () => {
            throw new Error('not ready');
          },
        },
      },
    });
    expect(officeRuntimeStore()).toBeNull();
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  for (const behaviour of ['rejects', 'throws'] as const) {
    it(`that ${behaviour} means “not remembered”: the pane still starts, in Chinese, with no saved connection`, async () => {
      vi.stubGlobal('OfficeRuntime', { storage: runtimeStorage(behaviour).storage });
      vi.stubGlobal('Office', officeWith(true));
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const stores = availableStores();
      expect(stores.length).toBeGreaterThanOrEqual(1);
      await expect(loadConnection(stores)).resolves.toBeNull();
      await expect(loadLanguage(stores)).resolves.toBe('zh-CN');
      await expect(
        saveConnection(stores, { serverUrl: 'https://tj.example.cn', token: 'tj_x' }, true),
      ).resolves.toBeUndefined();
      expect(warn).toHaveBeenCalled();
      warn.mockRestore();
    });
  }

  it('keeps what a working store remembers next to one that fails', async () => {
    const working = runtimeStorage('works');
    vi.stubGlobal('OfficeRuntime', { storage: working.storage });
    vi.stubGlobal('Office', officeWith(true));
    const failing = {
      getItem: () => Promise.reject(new Error('quota')),
      setItem: () => Promise.reject(new Error('quota')),
      removeItem: () => Promise.reject(new Error('quota')),
    };
    vi.stubGlobal('window', {
      localStorage: { getItem: () => null, setItem: failing.setItem, removeItem: failing.removeItem },
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const stores = availableStores();
    expect(stores).toHaveLength(2);
    await saveConnection(stores, { serverUrl: 'https://tj.example.cn', token: 'tj_x' }, true);
    await expect(loadConnection(stores)).resolves.toEqual({
      serverUrl: 'https://tj.example.cn',
      token: 'tj_x',
    });
    warn.mockRestore();
  });
});
