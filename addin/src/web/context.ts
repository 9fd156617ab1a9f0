// What the web page's sections receive: the pane's view context (no Excel), plus announcements and lazy exceljs.
import type { PaneContext } from '../ui/context';

/** The page's sections, named after the pane tabs they stand in for (notices and busy state are kept per id). */
export type SectionId =
  | 'connect'
  | 'ledger'
  | 'upload'
  | 'bulletin'
  | 'history'
  | 'units'
  | 'reporting'
  | 'duplicates'
  | 'checks'
  | 'subsidies'
  | 'work'
  | 'activities'
  | 'assessment';
export const SECTION_IDS: readonly SectionId[] = [
  'connect',
  'ledger',
  'upload',
  'bulletin',
  'history',
  'units',
  'reporting',
  'duplicates',
  'checks',
  'subsidies',
  'work',
  'activities',
  'assessment',
];

/** The exceljs side of the page (./workbook), loaded on first use. */
export type WorkbookTools = typeof import('./workbook');

export interface WebContext extends PaneContext {
  /** Says `text` through the page's polite live region (for changes no notice stands for). */
  announce(text: string): void;
  /** The exceljs side, loaded once: the first file opened or made waits for it. */
  workbookTools(): Promise<WorkbookTools>;
}
