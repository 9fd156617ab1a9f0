// Refresh when the workbook opens: the workbook setting that asks for it, and the startup behaviour that loads the add-in.

/** Workbook setting (per workbook and add-in): true when bulletin sheets should refresh as the workbook opens. */
export const AUTO_REFRESH_SETTING = 'tuanjian.autoRefreshBulletins';

/**
 * Whether this Excel can start the add-in when a workbook opens: Office.addin.setStartupBehavior, which needs
 * the shared runtime (SharedRuntime 1.1; not in Office 2019 or volume-licensed 2021).
 */
export function canLoadOnOpen(): boolean {
  if (typeof Office === 'undefined' || !Office.context?.requirements) return false;
  return (
    Office.context.requirements.isSetSupported('SharedRuntime', '1.1') &&
    typeof Office.addin?.setStartupBehavior === 'function'
  );
}

/** Whether this workbook asks for its bulletin sheets to be refreshed when it opens (off unless turned on). */
export async function readAutoRefresh(): Promise<boolean> {
  return Excel.run(async (context) => {
    const setting = context.workbook.settings.getItemOrNullObject(AUTO_REFRESH_SETTING);
    setting.load('value');
    await context.sync();
    return !setting.isNullObject && setting.value === true;
  });
}

/**
 * Turns refresh-on-open on or off for this workbook: stores the setting (saved with the workbook) and, where the
 * host allows, makes Excel load the add-in when this workbook opens (or stops it). `loadsOnOpen` is false where
 * the host cannot: the refresh then happens when the user opens the pane.
 * @example const { loadsOnOpen } = await setAutoRefresh(true);
 */
export async function setAutoRefresh(on: boolean): Promise<{ loadsOnOpen: boolean }> {
  await Excel.run(async (context) => {
    context.workbook.settings.add(AUTO_REFRESH_SETTING, on);
    await context.sync();
  });
  if (!canLoadOnOpen()) return { loadsOnOpen: false };
  await Office.addin.setStartupBehavior(on ? Office.StartupBehavior.load : Office.StartupBehavior.none);
  return { loadsOnOpen: on };
}
