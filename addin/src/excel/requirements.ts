// Runtime checks for API sets above the manifest's minimum (ExcelApi 1.8): newer features are optional extras,
// applied in a request of their own after the content they decorate, so a host that refuses one loses only it.

/** Whether the host supports ExcelApi `version` (e.g. '1.9' for page layout, '1.10' for comments). */
export function supportsExcelApi(version: string): boolean {
  return Office.context.requirements.isSetSupported('ExcelApi', version);
}

/** An optional setting left out: the host lacks its API set, or refused it when it was sent. */
export interface SkippedSetting {
  /** What was left out, e.g. 'pageLayout'. */
  setting: string;
  reason: 'unsupported' | 'rejected';
  /** The host's error message, for a refused one. */
  message?: string;
}

/**
 * Applies an optional setting on its own: `apply` queues it, one `context.sync()` sends it. Call it after
 * the content has been synced. Where ExcelApi `version` is missing nothing is queued and nothing synced;
 * where the host rejects the request (an unsupported property value, a printer without the paper size)
 * the error is caught and reported, never thrown. A rejected request stops at the failing operation and
 * Office.js rolls nothing back, so what was queued before it may stand: queue the most important part first.
 * @example
 * const page = await applyOptional(context, 'pageLayout', '1.9', () => { sheet.pageLayout.orientation = 'Portrait'; });
 */
export async function applyOptional(
  context: Excel.RequestContext,
  setting: string,
  version: string,
  apply: () => void,
): Promise<{ synced: boolean; skipped: SkippedSetting | null }> {
  if (!supportsExcelApi(version)) return { synced: false, skipped: { setting, reason: 'unsupported' } };
  let synced = false;
  try {
    apply();
    synced = true;
    await context.sync();
    return { synced, skipped: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { synced, skipped: { setting, reason: 'rejected', message } };
  }
}
