// The Excel layer's public face: the only module the task pane imports to touch the workbook.

export { type BulletinSource, bulletinSheetName } from '@tuanjian/shared';
export type { MarkedCell } from '../sheet/marks';
export {
  type BulletinSheet,
  type BulletinSheetInfo,
  findBulletinSheets,
  type WriteBulletinOptions,
  writeBulletinSheet,
} from './bulletin';
export {
  type CallSheet,
  type CallSheetValues,
  readCallSheetValues,
  writeCallSheet,
} from './call-sheet';
export {
  clearDiagnostics,
  type MarkResult,
  markDiagnostics,
  selectCell,
} from './diagnostics';
export { type ExcelErrorCode, ExcelLayerError } from './errors';
export {
  type QuotaSheet,
  type QuotaSheetRow,
  quotaSheetName,
  readQuotaSheet,
  writeQuotaSheet,
} from './quota';
export { readActiveSheet, readTable, type SheetValues } from './read';
export { REPORTING_HEADERS, reportingSheetName, writeReportingSheet } from './reporting';
export type { SkippedSetting } from './requirements';
export { AUTO_REFRESH_SETTING, canLoadOnOpen, readAutoRefresh, setAutoRefresh } from './startup';
export { type KeyValueStore, officeRuntimeStore } from './storage';
export {
  type PlanSheet,
  readSubsidySheetValues,
  type SubsidySheetValues,
  writePlanSheet,
} from './subsidy-sheet';
export { createTrackingTemplate, type TrackingTemplate, type TrackingTemplateOptions } from './template';
export { type WorkSheet, writeActivitySheet, writeWorkSheet } from './work-sheet';
