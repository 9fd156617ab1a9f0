// Runtime checks for API sets above the manifest's minimum (ExcelApi 1.8): newer features are optional extras.

/** Whether the host supports ExcelApi `version` (e.g. '1.9' for page layout, '1.10' for comments). */
export function supportsExcelApi(version: string): boolean {
  return Office.context.requirements.isSetSupported('ExcelApi', version);
}
