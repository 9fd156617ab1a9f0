// 全部刷新: rewrites every live bulletin sheet of the workbook with its month's current figures; published issues stay.
import type { BulletinSource, SummaryResponse } from '@tuanjian/shared';
import type { ApiClient } from '../api/client';
import type { ExcelPort } from '../ui/context';

export type RefreshOutcome =
  /** Rewritten with the month's current figures. */
  | { sheetName: string; source: BulletinSource; status: 'refreshed' }
  /** A published issue: frozen on the server, so the sheet already shows what it will always show. */
  | { sheetName: string; source: BulletinSource; status: 'published' }
  | { sheetName: string; source: BulletinSource; status: 'failed'; error: unknown };

export interface RefreshProgress {
  /** Sheets dealt with so far (the current one included). */
  done: number;
  total: number;
  sheetName: string;
}

export interface RefreshOptions {
  excel: Pick<ExcelPort, 'findBulletinSheets' | 'writeBulletinSheet'>;
  client: Pick<ApiClient, 'summary'>;
  onProgress?: (progress: RefreshProgress) => void;
}

/**
 * Finds the bulletin sheets (from their hidden source cells) and rewrites the live ones in place, without
 * bringing them to the front. One request per month, however many sheets show it. A sheet that fails is
 * reported and the others go on; only failing to list the sheets rejects.
 * @example
 * const outcomes = await refreshBulletinSheets({ excel, client: session.client });
 * outcomes.map((o) => `${o.sheetName}: ${o.status}`); // => ['通报2026-03: refreshed', '通报第5期: published']
 */
export async function refreshBulletinSheets(options: RefreshOptions): Promise<RefreshOutcome[]> {
  const sheets = await options.excel.findBulletinSheets();
  const figuresByMonth = new Map<string, Promise<SummaryResponse>>();
  const figuresOf = (year: number, month: number): Promise<SummaryResponse> => {
    const key = `${year}-${month}`;
    let figures = figuresByMonth.get(key);
    if (!figures) {
      figures = options.client.summary(year, month);
      figuresByMonth.set(key, figures);
    }
    return figures;
  };
  const outcomes: RefreshOutcome[] = [];
  for (const [index, { sheetName, source }] of sheets.entries()) {
    options.onProgress?.({ done: index + 1, total: sheets.length, sheetName });
    if (source.issueNumber !== null) {
      outcomes.push({ sheetName, source, status: 'published' });
      continue;
    }
    try {
      const figures = await figuresOf(source.year, source.month);
      await options.excel.writeBulletinSheet(figures, { sheetName, source, activate: false });
      outcomes.push({ sheetName, source, status: 'refreshed' });
    } catch (error) {
      outcomes.push({ sheetName, source, status: 'failed', error });
    }
  }
  return outcomes;
}
