import { describe, expect, it, vi } from 'vitest';
import {
  CONNECTION_KEY,
  defaultServerUrl,
  forgetToken,
  type KeyValueStore,
  loadConnection,
  loadLanguage,
  normalizeServerUrl,
  saveConnection,
  saveLanguage,
} from './state';

function memoryStore(initial: Record<string, string> = {}): KeyValueStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: async (key) => data.get(key) ?? null,
    setItem: async (key, value) => {
      data.set(key, value);
    },
    removeItem: async (key) => {
      data.delete(key);
    },
  };
}

describe('the remembered connection', () => {
  it('remembers the token only when asked to, in every store', async () => {
    const stores = [memoryStore(), memoryStore()];
    await saveConnection(stores, { serverUrl: 'https://tj.example.cn', token: 'tj_abc' }, true);
    await expect(loadConnection(stores)).resolves.toEqual({
      serverUrl: 'https://tj.example.cn',
      token: 'tj_abc',
    });
    await expect(loadConnection([stores[1] ?? memoryStore()])).resolves.toEqual({
      serverUrl: 'https://tj.example.cn',
      token: 'tj_abc',
    });
    await saveConnection(stores, { serverUrl: 'https://tj.example.cn', token: 'tj_abc' }, false);
    await expect(loadConnection(stores)).resolves.toEqual({
      serverUrl: 'https://tj.example.cn',
      token: null,
    });
  });

  it('forgets the token and keeps the server', async () => {
    const store = memoryStore();
    await saveConnection([store], { serverUrl: 'https://a.example', token: 'tj_1' }, true);
    await forgetToken([store], 'https://a.example');
    await expect(loadConnection([store])).resolves.toEqual({ serverUrl: 'https://a.example', token: null });
  });

  it('prefers the first store and skips what it cannot read', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const broken = memoryStore({ [CONNECTION_KEY]: '{not json' });
    const good = memoryStore({
      [CONNECTION_KEY]: JSON.stringify({ serverUrl: 'https://b.example', token: 'tj_2' }),
    });
    await expect(loadConnection([broken, good])).resolves.toEqual({
      serverUrl: 'https://b.example',
      token: 'tj_2',
    });
    await expect(loadConnection([memoryStore({ [CONNECTION_KEY]: '{"token":5}' })])).resolves.toBeNull();
    await expect(loadConnection([])).resolves.toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('starts in Chinese and remembers English', async () => {
    const store = memoryStore();
    await expect(loadLanguage([store])).resolves.toBe('zh-CN');
    await saveLanguage([store], 'en');
    await expect(loadLanguage([store])).resolves.toBe('en');
    await expect(loadLanguage([memoryStore({ 'tuanjian.language': 'fr' })])).resolves.toBe('zh-CN');
  });
});

describe('server addresses', () => {
  it('accepts http(s) URLs and drops the trailing slash', () => {
    expect(normalizeServerUrl(' https://tj.example.cn/ ')).toBe('https://tj.example.cn');
    expect(normalizeServerUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(normalizeServerUrl('https://example.cn/tuanjian/')).toBe('https://example.cn/tuanjian');
    expect(normalizeServerUrl('tj.example.cn')).toBeNull();
    expect(normalizeServerUrl('ftp://tj.example.cn')).toBeNull();
  });

  it('defaults to the pane’s own origin, which is where the worker serves it', () => {
    expect(defaultServerUrl({ protocol: 'https:', origin: 'https://tj.example.cn' })).toBe(
      'https://tj.example.cn',
    );
    expect(defaultServerUrl({ protocol: 'file:', origin: 'null' })).toBe('');
  });
});
