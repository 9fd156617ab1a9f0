// The validation catalogue: every diagnostic code, its severity, and its zh-CN / English message.
import { COLUMN_BY_KEY, type ColumnKey } from './columns';
import type { LeagueOrgType, OrgType, Severity, Status } from './schemas';

export interface DiagnosticText {
  message: string;
  messageEn: string;
}

/** What each code's message is built from; `found` is always the cell as the user wrote it. */
export interface DiagnosticParams {
  required: { column: ColumnKey };
  'text.invalid': { column: ColumnKey; found: string };
  'text.length': { column: ColumnKey; found: string; length: number; min: number; max: number };
  'text.malformed': { column: ColumnKey };
  'text.formula': { column: ColumnKey; found: string };
  'creditCode.length': { found: string; length: number };
  'creditCode.charset': { found: string; char: string };
  'creditCode.checkChar': { found: string; actual: string; expected: string };
  'creditCode.categoryMismatch': { found: string; digit: string; codeType: OrgType; orgType: OrgType };
  'enum.invalid': { column: ColumnKey; found: string; options: readonly string[] };
  'integer.invalid': { column: ColumnKey; found: string };
  'integer.negative': { column: ColumnKey; value: number };
  'memberCount.exceedsYouth': { memberCount: number; youthCount: number };
  'date.unrecognized': { column: ColumnKey; found: string };
  'date.future': { column: ColumnKey; date: string; today: string };
  'establishedOn.beforeLeague': { date: string };
  'establishedOn.early': { date: string };
  'establishedOn.notAllowed': { status: Status; found: string };
  requiredWhenEstablished: { column: ColumnKey };
  'mode.independentNeedsThree': { memberCount: number; minimum: number };
  'leagueOrgType.belowThreshold': { leagueOrgType: LeagueOrgType; threshold: number; memberCount: number };
  'phone.invalid': { found: string };
  'yesNo.invalid': { column: ColumnKey; found: string };
  'checkResult.requiredWhenChecked': { checkedOn: string };
  'checkedOn.requiredWithResult': { checkResult: string };
  'checkedOn.beforeEstablished': { checkedOn: string; establishedOn: string };
  'duplicate.inSheet': {
    column: 'creditCode' | 'orgName';
    firstRow: number;
    found: string;
    firstFound: string;
  };
  'unit.unknown': { found: string };
  'unit.notYours': { unit: string; uploaderUnit: string };
  'unit.inactive': { unit: string };
  'duplicate.otherUnit': { orgName: string; units: readonly string[]; match: 'creditCode' | 'orgName' };
}

export type DiagnosticCode = keyof DiagnosticParams;

/** Errors block an upload; warnings do not. */
export const DIAGNOSTIC_SEVERITY: { readonly [C in DiagnosticCode]: Severity } = {
  required: 'error',
  'text.invalid': 'error',
  'text.length': 'error',
  'text.malformed': 'error',
  'text.formula': 'error',
  'creditCode.length': 'error',
  'creditCode.charset': 'error',
  'creditCode.checkChar': 'error',
  'creditCode.categoryMismatch': 'warning',
  'enum.invalid': 'error',
  'integer.invalid': 'error',
  'integer.negative': 'error',
  'memberCount.exceedsYouth': 'error',
  'date.unrecognized': 'error',
  'date.future': 'error',
  'establishedOn.beforeLeague': 'error',
  'establishedOn.early': 'warning',
  'establishedOn.notAllowed': 'error',
  requiredWhenEstablished: 'error',
  'mode.independentNeedsThree': 'error',
  'leagueOrgType.belowThreshold': 'warning',
  'phone.invalid': 'error',
  'yesNo.invalid': 'error',
  'checkResult.requiredWhenChecked': 'error',
  'checkedOn.requiredWithResult': 'warning',
  'checkedOn.beforeEstablished': 'warning',
  'duplicate.inSheet': 'error',
  'unit.unknown': 'error',
  'unit.notYours': 'error',
  'unit.inactive': 'warning',
  'duplicate.otherUnit': 'warning',
};

const zh = (column: ColumnKey): string => COLUMN_BY_KEY[column].header;
const en = (column: ColumnKey): string => COLUMN_BY_KEY[column].headerEn;

const ACCEPTED_DATES_ZH = '2011-06-28、2011/6/28、2011.6.28或2011年6月28日';
const ACCEPTED_DATES_EN = '2011-06-28, 2011/6/28, 2011.6.28 or 2011年6月28日';

/**
 * Builds the zh-CN and English message of each code from its parameters.
 * @example
 * DIAGNOSTIC_MESSAGES['date.future']({ column: 'establishedOn', date: '2031-01-01', today: '2026-11-25' })
 * // => { message: '建团时间“2031-01-01”晚于今天（2026-11-25）', messageEn: 'Established on 2031-01-01 is after today (2026-11-25)' }
 */
export const DIAGNOSTIC_MESSAGES: {
  readonly [C in DiagnosticCode]: (params: DiagnosticParams[C]) => DiagnosticText;
} = {
  required: ({ column }) => ({
    message: `${zh(column)}为必填项，本行未填写`,
    messageEn: `${en(column)} is required, but the cell is empty`,
  }),
  'text.invalid': ({ column, found }) => ({
    message: `${zh(column)}应为文字，实际为逻辑值${found}`,
    messageEn: `${en(column)} must be text, found the logical value ${found}`,
  }),
  'text.malformed': ({ column }) => ({
    message: `${zh(column)}含有无法保存的字符（不成对的代理项或控制字符），请重新输入`,
    messageEn: `${en(column)} contains characters that cannot be stored (lone surrogates or control characters)`,
  }),
  'text.formula': ({ column, found }) => ({
    message: `${zh(column)}“${found}”以 = + - @ 开头，会被 Excel 当作公式，请去掉开头的符号`,
    messageEn: `${en(column)} "${found}" starts with = + - @ and would be taken for a formula by Excel`,
  }),
  'text.length': ({ column, found, length, min, max }) =>
    length < min
      ? {
          message: `${zh(column)}“${found}”只有${length}个字，应为${min}–${max}个字`,
          messageEn: `${en(column)} "${found}" has ${length} character(s); expected ${min}–${max}`,
        }
      : {
          message: `${zh(column)}有${length}个字，超过上限${max}个字`,
          messageEn: `${en(column)} has ${length} characters, more than the limit of ${max}`,
        },
  'creditCode.length': ({ found, length }) => ({
    message: `统一社会信用代码“${found}”为${length}位，应为18位`,
    messageEn: `Credit code "${found}" has ${length} characters; it must have 18`,
  }),
  'creditCode.charset': ({ found, char }) => ({
    message: `统一社会信用代码“${found}”含有不允许的字符“${char}”；应由数字和大写字母组成（不使用I、O、S、V、Z）`,
    messageEn: `Credit code "${found}" contains "${char}", which GB 32100-2015 does not allow; use digits and capital letters except I, O, S, V and Z`,
  }),
  'creditCode.checkChar': ({ found, actual, expected }) => ({
    message: `统一社会信用代码“${found}”的校验位为“${actual}”，按GB 32100-2015计算应为“${expected}”，请核对是否抄错`,
    messageEn: `Credit code "${found}" ends in "${actual}", but its GB 32100-2015 check character is "${expected}"; check the code for a typo`,
  }),
  'creditCode.categoryMismatch': ({ found, digit, codeType, orgType }) => ({
    message: `统一社会信用代码“${found}”第2位“${digit}”表示${codeType}，与组织类型“${orgType}”不一致`,
    messageEn: `Credit code "${found}" has category character ${digit} (${codeType}), but the organization type is ${orgType}`,
  }),
  'enum.invalid': ({ column, found, options }) => ({
    message: `${zh(column)}“${found}”不是可选值，应为：${options.join('、')}`,
    messageEn: `${en(column)} "${found}" is not one of the allowed values: ${options.join(', ')}`,
  }),
  'integer.invalid': ({ column, found }) => ({
    message: `${zh(column)}“${found}”不是整数，应填写0或正整数（如12）`,
    messageEn: `${en(column)} "${found}" is not a whole number; enter 0 or a positive whole number such as 12`,
  }),
  'integer.negative': ({ column, value }) => ({
    message: `${zh(column)}为${value}，不能为负数`,
    messageEn: `${en(column)} is ${value}; it cannot be negative`,
  }),
  'memberCount.exceedsYouth': ({ memberCount, youthCount }) => ({
    message: `团员人数（${memberCount}）多于青年人数（${youthCount}），团员人数应不超过青年人数`,
    messageEn: `League members (${memberCount}) outnumber youth (${youthCount}); members cannot exceed the youth count`,
  }),
  'date.unrecognized': ({ column, found }) => ({
    message: `${zh(column)}“${found}”无法识别为日期或有歧义；请填写如${ACCEPTED_DATES_ZH}的日期，或使用Excel日期单元格`,
    messageEn: `${en(column)} "${found}" is not a recognizable, unambiguous date; use a form such as ${ACCEPTED_DATES_EN}, or an Excel date cell`,
  }),
  'date.future': ({ column, date, today }) => ({
    message: `${zh(column)}“${date}”晚于今天（${today}）`,
    messageEn: `${en(column)} ${date} is after today (${today})`,
  }),
  'establishedOn.beforeLeague': ({ date }) => ({
    message: `建团时间“${date}”早于中国共产主义青年团成立（1922年5月5日），请核对`,
    messageEn: `Established on ${date} is before the Communist Youth League was founded (1922-05-05); check the date`,
  }),
  'establishedOn.early': ({ date }) => ({
    message: `建团时间“${date}”早于1990年，请核对是否填错（本行仍可上传）`,
    messageEn: `Established on ${date} is before 1990; check it is not a typo (the row can still be uploaded)`,
  }),
  'establishedOn.notAllowed': ({ status, found }) => ({
    message: `建团状态为“${status}”时建团时间应为空，本行填写了“${found}”；如已建立团组织，请将建团状态改为“已建团”`,
    messageEn: `Established on must be empty while the status is ${status}, found "${found}"; if the League organization exists, set the status to 已建团`,
  }),
  requiredWhenEstablished: ({ column }) => ({
    message: `建团状态为“已建团”时${zh(column)}为必填项，本行未填写`,
    messageEn: `${en(column)} is required when the status is 已建团, but the cell is empty`,
  }),
  'mode.independentNeedsThree': ({ memberCount, minimum }) => ({
    message: `独立建团需至少${minimum}名团员，本行团员人数为${memberCount}；团员不足${minimum}人的请选择联合建团、楼宇建团或区域建团`,
    messageEn: `独立建团 (independent) needs at least ${minimum} League members, this row has ${memberCount}; with fewer, choose 联合建团, 楼宇建团 or 区域建团`,
  }),
  'leagueOrgType.belowThreshold': ({ leagueOrgType, threshold, memberCount }) => ({
    message: `独立建团成立${leagueOrgType}一般需团员${threshold}人以上，本行团员人数为${memberCount}，请核实团组织类型`,
    messageEn: `An independently formed ${leagueOrgType} normally needs ${threshold} or more League members, this row has ${memberCount}; check the League organization type`,
  }),
  'phone.invalid': ({ found }) => ({
    message: `联系电话“${found}”不是有效的电话号码；应为11位手机号（如13812345678）或固定电话（如021-58881234，可带分机号如021-58881234-123）`,
    messageEn: `Phone "${found}" is not a valid number; enter an 11-digit mobile number (e.g. 13812345678) or a landline (e.g. 021-58881234, optionally with an extension such as 021-58881234-123)`,
  }),
  'yesNo.invalid': ({ column, found }) => ({
    message: `${zh(column)}“${found}”无法识别，应为“是”或“否”`,
    messageEn: `${en(column)} "${found}" is not recognized; enter 是 (yes) or 否 (no)`,
  }),
  'checkResult.requiredWhenChecked': ({ checkedOn }) => ({
    message: `填写了抽查日期“${checkedOn}”时抽查结果为必填项，应为：属实、不属实、无法联系`,
    messageEn: `Check result is required when a check date ("${checkedOn}") is given: 属实, 不属实 or 无法联系`,
  }),
  'checkedOn.requiredWithResult': ({ checkResult }) => ({
    message: `填写了抽查结果“${checkResult}”，但未填写抽查日期；请补填抽查日期，以便按月统计抽查情况`,
    messageEn: `Check result "${checkResult}" has no check date; add the date so the check counts in its month`,
  }),
  'checkedOn.beforeEstablished': ({ checkedOn, establishedOn }) => ({
    message: `抽查日期“${checkedOn}”早于建团时间“${establishedOn}”，请核实`,
    messageEn: `Checked on ${checkedOn} is before the establishment date ${establishedOn}; please verify`,
  }),
  'duplicate.inSheet': ({ column, firstRow, found, firstFound }) =>
    column === 'creditCode'
      ? {
          message: `统一社会信用代码“${found}”与第${firstRow}行重复，同一组织只能填写一行`,
          messageEn: `Credit code "${found}" repeats row ${firstRow}; list each organization once`,
        }
      : {
          message: `组织名称“${found}”与第${firstRow}行的“${firstFound}”重复（忽略空格、全半角和大小写后相同），同一组织只能填写一行`,
          messageEn: `Organization "${found}" is the same as "${firstFound}" in row ${firstRow} (ignoring spaces, full-width forms and case); list each organization once`,
        },
  'unit.unknown': ({ found }) => ({
    message: `所属单位“${found}”不是已知单位，请填写单位全称或单位代码`,
    messageEn: `Unit "${found}" is not a known unit; enter the unit's full name or its code`,
  }),
  'unit.notYours': ({ unit, uploaderUnit }) => ({
    message: `所属单位“${unit}”不是本账号的单位“${uploaderUnit}”，不能上传其他单位的台账行`,
    messageEn: `Unit "${unit}" is not your unit "${uploaderUnit}"; you can upload only your own unit's rows`,
  }),
  'unit.inactive': ({ unit }) => ({
    message: `所属单位“${unit}”已停用，请核实`,
    messageEn: `Unit "${unit}" is no longer active; please verify`,
  }),
  'duplicate.otherUnit': ({ orgName, units, match }) => ({
    message: `该组织（${orgName}）已在${units.map((unit) => `“${unit}”`).join('、')}的台账中（${
      match === 'creditCode' ? '统一社会信用代码相同' : '组织名称相同'
    }）；同一组织只计数一次，计入建团时间最早的单位`,
    messageEn: `This organization (${orgName}) is already in the ledger of ${units.join(', ')} (same ${
      match === 'creditCode' ? 'credit code' : 'name'
    }); it is counted once, for the unit with the earliest establishment date`,
  }),
};
