// Refresh-on-open: the workbook setting and the startup behaviour, on hosts with and without the shared runtime.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AUTO_REFRESH_SETTING, canLoadOnOpen, readAutoRefresh, setAutoRefresh } from './startup';
import { installFakeExcel } from './testing/fake-excel';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('refresh on open', () => {
  it('is off in a workbook that never asked for it', async () => {
    installFakeExcel(vi.stubGlobal, { sharedRuntime: true });
    expect(await readAutoRefresh()).toBe(false);
  });

  it('turns on: stores the workbook setting and makes Excel load the add-in with this workbook', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { sharedRuntime: true });
    expect(canLoadOnOpen()).toBe(true);

    expect(await setAutoRefresh(true)).toEqual({ loadsOnOpen: true });
    expect(excel.settings.get(AUTO_REFRESH_SETTING)).toBe(true);
    expect(excel.startupBehavior).toBe('Load');
    expect(await readAutoRefresh()).toBe(true);

    expect(await setAutoRefresh(false)).toEqual({ loadsOnOpen: false });
    expect(excel.settings.get(AUTO_REFRESH_SETTING)).toBe(false);
    expect(excel.startupBehavior).toBe('None');
    expect(await readAutoRefresh()).toBe(false);
  });

  it('keeps the setting where the host has no shared runtime (Office 2019), and says it cannot load on open', async () => {
    const excel = installFakeExcel(vi.stubGlobal, { sharedRuntime: false, excelApi: '1.8' });
    expect(canLoadOnOpen()).toBe(false);

    expect(await setAutoRefresh(true)).toEqual({ loadsOnOpen: false });
    expect(excel.settings.get(AUTO_REFRESH_SETTING)).toBe(true);
    expect(excel.startupBehavior).toBeNull();
    expect(await readAutoRefresh()).toBe(true);
  });

  it('cannot load on open outside Office', () => {
    expect(canLoadOnOpen()).toBe(false);
  });

  it('reads a setting someone else wrote as off unless it is exactly true', async () => {
    const excel = installFakeExcel(vi.stubGlobal);
    excel.settings.set(AUTO_REFRESH_SETTING, 'yes');
    expect(await readAutoRefresh()).toBe(false);
  });
});
