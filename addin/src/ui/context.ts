// What every view receives from the shell: the Excel layer, the session, messages, notices and busy state.
import type { Me, Unit } from '@tuanjian/shared';
import type { ApiClient } from '../api/client';
import type * as ExcelLayer from '../excel';
import type { Lang, Messages } from './i18n';
import type { KeyValueStore } from './state';

export type TabId =
  | 'connect'
  | 'ledger'
  | 'upload'
  | 'bulletin'
  | 'quota'
  | 'history'
  | 'units'
  | 'reporting'
  | 'duplicates'
  | 'checks'
  | 'subsidies'
  | 'work'
  | 'activities'
  | 'assessment';
export const TAB_IDS: readonly TabId[] = [
  'connect',
  'ledger',
  'upload',
  'bulletin',
  'quota',
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

/** The committee's desk and its quotas: admins only (SPEC §1, §7). */
const ADMIN_ONLY: ReadonlySet<TabId> = new Set([
  'quota',
  'units',
  'reporting',
  'duplicates',
  'checks',
  'subsidies',
  'work',
  'assessment',
]);

/** Screens for admins and units, not readers (automation reads figures, never an organization). */
const NOT_FOR_READERS: ReadonlySet<TabId> = new Set(['history', 'activities']);

/**
 * Which screens a session sees, in the pane and (those it has) on the web page: the desk for admins only;
 * 历史 and 活动台账 for admins and units.
 */
export function visibleTabs(session: Session | null): TabId[] {
  const role = session?.me.role;
  return TAB_IDS.filter(
    (tab) => (!ADMIN_ONLY.has(tab) || role === 'admin') && (!NOT_FOR_READERS.has(tab) || role !== 'reader'),
  );
}

/** The Excel layer's functions (addin/src/excel): the only way a view touches the workbook. */
export type ExcelPort = typeof ExcelLayer;

export interface Session {
  serverUrl: string;
  client: ApiClient;
  me: Me;
  units: Unit[];
}

export type NoticeKind = 'info' | 'success' | 'warning' | 'error';

/** A message for one tab; its text is built at render time, so it follows a language switch. */
export interface Notice {
  kind: NoticeKind;
  summary: (m: Messages, lang: Lang) => string;
  detail?: (m: Messages, lang: Lang) => string | null;
}

export interface PaneContext {
  /** The Excel layer, or null outside Excel (a plain browser): the pane can then only connect. */
  readonly excel: ExcelPort | null;
  readonly stores: readonly KeyValueStore[];
  /** Overridable clock (tests). */
  now(): Date;
  lang(): Lang;
  m(): Messages;
  session(): Session | null;
  setSession(session: Session | null): void;
  /** Re-renders the pane (views call it after changing their own state). */
  refresh(): void;
  notify(tab: TabId, notice: Notice | null): void;
  notice(tab: TabId): Notice | null;
  /** The pane-wide status line under the connection (progress that matters whatever tab is open); null hides it. */
  setStatus(status: Notice | null): void;
  /** Shows a failure on a tab, with the message its code calls for. */
  fail(tab: TabId, error: unknown): void;
  /**
   * Runs an action of a tab: marks the tab busy (its buttons ignore clicks meanwhile), clears its notice,
   * and shows any failure. Returns false when the tab was busy already.
   */
  run(tab: TabId, task: () => Promise<void>): Promise<boolean>;
  busy(tab: TabId): boolean;
  selectTab(tab: TabId, focus: boolean): void;
  /** The admin's chosen unit for checking and uploading ('' = decide from the sheet); shared by 台账 and 上传. */
  chosenUnit: string;
  /** The figures moved (an upload, a restore, a publish): the progress under 连接 loads them again. */
  figuresChanged?(): void;
}
