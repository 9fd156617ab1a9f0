// Uploads in parts: a unit ledger over one request's row cap is sent as a draft's parts, then one
// POST /uploads names the draft. The parts wait in D1; the upload reads and validates them one part at
// a time, so no request holds more than a part's body or the ledger's records.
import {
  type Diagnostic,
  MAX_LEDGER_ROWS,
  MAX_PART_ROWS,
  RowValidator,
  type SheetRow,
  type UploadDraft,
  type UploadDraftRequest,
  type ValidationContext,
  type ValidationResult,
} from '@tuanjian/shared';
import type { Caller } from '../auth';
import { requireRole, requireUnitScope } from '../auth';
import type { Db } from '../db/db';
import {
  type DraftRecord,
  draftParts,
  getDraft,
  insertDraftStatements,
  putPartStatements,
  readPart,
} from '../db/drafts';
import { getUnit } from '../db/units';
import { stage } from '../db/write';
import { ApiError } from '../errors';
import { later } from './clock';
import { requireActiveUnit } from './units';

/** How long a draft waits for its parts and its upload. */
const DRAFT_LIFETIME_MS = 24 * 60 * 60 * 1000;

function notFound(id: string): ApiError {
  return new ApiError(404, 'not_found', '找不到这次分批上传（可能已过期或已提交），请重新上传', {
    messageEn: 'No such upload draft (it may have expired or been committed); upload again',
    draftId: id,
  });
}

/** The draft, if it exists, has not expired and the caller may use it (its unit's token, or an admin). */
export async function requireDraft(db: Db, caller: Caller, id: string, now: Date): Promise<DraftRecord> {
  requireRole(caller, 'admin', 'unit');
  const draft = await getDraft(db, id, now.toISOString());
  if (!draft) throw notFound(id);
  requireUnitScope(caller, draft.unitCode);
  return draft;
}

export async function describeDraft(db: Db, draft: DraftRecord): Promise<UploadDraft> {
  const parts = await draftParts(db, draft.id);
  return {
    draftId: draft.id,
    unitCode: draft.unitCode,
    parts: draft.parts,
    rowCount: draft.rowCount,
    received: parts.map((part) => part.part),
    receivedRows: parts.reduce((sum, part) => sum + part.rowCount, 0),
    expiresAt: draft.expiresAt,
  };
}

export async function createDraft(
  db: Db,
  caller: Caller,
  request: UploadDraftRequest,
  now: Date,
): Promise<UploadDraft> {
  requireRole(caller, 'admin', 'unit');
  requireUnitScope(caller, request.unitCode);
  const unit = await getUnit(db, request.unitCode);
  if (!unit) {
    throw new ApiError(404, 'not_found', `单位“${request.unitCode}”不存在`, {
      messageEn: `Unit ${request.unitCode} does not exist`,
    });
  }
  requireActiveUnit(unit);
  if (request.parts * MAX_PART_ROWS < request.rowCount) {
    throw new ApiError(
      400,
      'bad_request',
      `每批最多 ${MAX_PART_ROWS} 行：${request.rowCount} 行至少要分 ${Math.ceil(request.rowCount / MAX_PART_ROWS)} 批`,
      {
        messageEn: `A part carries at most ${MAX_PART_ROWS} rows: ${request.rowCount} rows need at least ${Math.ceil(request.rowCount / MAX_PART_ROWS)} parts`,
      },
    );
  }
  const draft: DraftRecord = {
    id: crypto.randomUUID(),
    unitCode: request.unitCode,
    tokenId: caller.tokenId,
    parts: request.parts,
    rowCount: request.rowCount,
    createdAt: now.toISOString(),
    expiresAt: later(now, DRAFT_LIFETIME_MS).toISOString(),
  };
  await stage(db, insertDraftStatements(db, draft));
  return describeDraft(db, draft);
}

/** Stores one part (again, if it was sent before: the later one counts). */
export async function putPart(
  db: Db,
  caller: Caller,
  id: string,
  part: number,
  rows: SheetRow[],
  now: Date,
): Promise<UploadDraft> {
  const draft = await requireDraft(db, caller, id, now);
  const unit = await getUnit(db, draft.unitCode);
  if (unit) requireActiveUnit(unit);
  if (part > draft.parts) {
    throw new ApiError(400, 'bad_request', `这次分批上传只有 ${draft.parts} 批，没有第 ${part} 批`, {
      messageEn: `This draft has ${draft.parts} part(s); there is no part ${part}`,
    });
  }
  const others = (await draftParts(db, id)).filter((stored) => stored.part !== part);
  const total = others.reduce((sum, stored) => sum + stored.rowCount, 0) + rows.length;
  if (total > draft.rowCount) {
    throw new ApiError(413, 'too_many_rows', `各批合计 ${total} 行，超过创建时声明的 ${draft.rowCount} 行`, {
      messageEn: `The parts hold ${total} rows together, more than the ${draft.rowCount} the draft was created for`,
      maxRows: draft.rowCount,
    });
  }
  await stage(
    db,
    putPartStatements(
      db,
      id,
      part,
      [...rows].sort((a, b) => a.row - b.row),
    ),
  );
  return describeDraft(db, draft);
}

function sheetProblem(code: string, message: string, messageEn: string): Diagnostic {
  return { row: null, column: null, header: null, severity: 'error', code, message, messageEn };
}

/**
 * Validates a draft's rows part by part, in part order, as validateRows does a whole sheet. A draft
 * with missing parts is refused (409 draft_incomplete); parts that overlap in sheet rows, or whose rows
 * do not add up to the declared count, give a sheet-level error.
 */
export async function validateDraft(
  db: Db,
  draft: DraftRecord,
  context: ValidationContext,
): Promise<ValidationResult> {
  const parts = await draftParts(db, draft.id);
  const missing: number[] = [];
  for (let part = 1; part <= draft.parts; part++) {
    if (!parts.some((stored) => stored.part === part)) missing.push(part);
  }
  if (missing.length > 0) {
    throw new ApiError(409, 'draft_incomplete', `分批上传还缺第 ${missing.join('、')} 批，未写入任何数据`, {
      messageEn: `The draft is missing part(s) ${missing.join(', ')}; nothing was written`,
      missing,
      draftId: draft.id,
    });
  }
  const rows = parts.reduce((sum, part) => sum + part.rowCount, 0);
  if (rows !== draft.rowCount || rows > MAX_LEDGER_ROWS) {
    return {
      records: [],
      diagnostics: [
        sheetProblem(
          'draft.rowCount',
          `各批合计 ${rows} 行，与创建时声明的 ${draft.rowCount} 行不符：请重新上传`,
          `The parts hold ${rows} rows, not the ${draft.rowCount} the draft was created for: upload again`,
        ),
      ],
    };
  }
  const validator = new RowValidator(context);
  let lastRow = 0;
  for (const part of parts) {
    if (part.firstRow <= lastRow) {
      return {
        records: [],
        diagnostics: [
          sheetProblem(
            'draft.order',
            `第 ${part.part} 批从第 ${part.firstRow} 行开始，与前一批（至第 ${lastRow} 行）重叠或顺序颠倒：请按行号顺序分批`,
            `Part ${part.part} starts at row ${part.firstRow}, overlapping or before the previous part (to row ${lastRow}): split the sheet in row order`,
          ),
        ],
      };
    }
    lastRow = part.lastRow;
    // One part's rows at a time: once checked, only their records stay.
    validator.add(await readPart(db, draft.id, part.part));
  }
  return validator.result();
}
