// Behaviour of tracking-sheet validation: one case per rule of SPEC §2, clean rows, messy input, duplicates.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COLUMN_BY_KEY, COLUMN_KEYS, type ColumnKey } from './columns';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, withCheckChar } from './credit-code';
import { DIAGNOSTIC_SEVERITY, type DiagnosticCode } from './messages';
import { orgKey } from './org-key';
import type { Cell, Severity, SheetRow, Unit } from './schemas';
import {
  crossUnitDiagnostics,
  hasErrors,
  mergeDiagnostics,
  RowValidator,
  resolveUnit,
  type ValidationContext,
  validateRows,
} from './validate';

const UNITS: Unit[] = [
  { code: 'huamu', name: '花木街道', kind: '街道', active: true },
  { code: 'lujiazui', name: '陆家嘴街道', kind: '街道', active: true },
  { code: 'zhangjiang', name: '张江镇', kind: '镇', active: false },
];
const TODAY = '2026-11-25';
const CONTEXT: ValidationContext = { units: UNITS, uploaderUnitCode: null, today: TODAY };

/** A 社会团体 code (civil affairs, category 1). */
const SOCIAL_CODE = withCheckChar('51310115MJ4985617');
/** A 民办非企业单位 code (civil affairs, category 2). */
const NON_ENTERPRISE_CODE = withCheckChar('52310115MJ4985617');
const SOCIAL_CHECK = SOCIAL_CODE.charAt(17);
const WRONG_CHECK = CREDIT_CODE_CHARSET.charAt((CREDIT_CODE_CHARSET.indexOf(SOCIAL_CHECK) + 1) % 31);

const CLEAN: Readonly<SheetRow['cells']> = {
  orgName: '浦东青年志愿者协会',
  creditCode: SOCIAL_CODE,
  orgType: '社会团体',
  unit: '花木街道',
  youthCount: 35,
  memberCount: 8,
  status: '已建团',
  establishedOn: '2026-02-14',
  mode: '独立建团',
  leagueOrgType: '团支部',
  secretary: '王晓明',
  phone: '13812345678',
  hasPartyOrg: true,
  checkedOn: '2026-03-10',
  checkResult: '属实',
  note: '2026年首批',
};

type Changes = Partial<Record<ColumnKey, Cell | undefined>>;

/** The clean row with some cells changed; `undefined` leaves a cell out, as the reader does for empty cells. */
function sheetRow(changes: Changes = {}, row = 5): SheetRow {
  const cells: SheetRow['cells'] = {};
  for (const key of COLUMN_KEYS) {
    const value = key in changes ? changes[key] : CLEAN[key];
    if (value !== undefined) cells[key] = value;
  }
  return { row, cells };
}

function brief(result: ReturnType<typeof validateRows>) {
  return result.diagnostics.map(({ row, column, severity, code }) => ({ row, column, severity, code }));
}

interface RuleCase {
  name: string;
  changes: Changes;
  column: ColumnKey;
  severity: Severity;
  code: DiagnosticCode;
  context?: Partial<ValidationContext>;
  message?: string;
}

const RULE_CASES: RuleCase[] = [
  {
    name: 'an empty 组织名称',
    changes: { orgName: undefined },
    column: 'orgName',
    severity: 'error',
    code: 'required',
    message: '组织名称为必填项，本行未填写',
  },
  {
    name: 'a whitespace-only 组织名称',
    changes: { orgName: '   ' },
    column: 'orgName',
    severity: 'error',
    code: 'required',
  },
  {
    name: 'a null 组织类型',
    changes: { orgType: null },
    column: 'orgType',
    severity: 'error',
    code: 'required',
  },
  { name: 'an empty 所属单位', changes: { unit: '' }, column: 'unit', severity: 'error', code: 'required' },
  {
    name: 'an empty 青年人数',
    changes: { youthCount: undefined },
    column: 'youthCount',
    severity: 'error',
    code: 'required',
  },
  {
    name: 'an empty 团员人数',
    changes: { memberCount: undefined },
    column: 'memberCount',
    severity: 'error',
    code: 'required',
  },
  {
    name: 'an empty 建团状态',
    changes: { status: undefined },
    column: 'status',
    severity: 'error',
    code: 'required',
  },
  {
    name: 'a one-character 组织名称',
    changes: { orgName: '协' },
    column: 'orgName',
    severity: 'error',
    code: 'text.length',
    message: '组织名称“协”只有1个字，应为2–100个字',
  },
  {
    name: 'a 101-character 组织名称',
    changes: { orgName: '协'.repeat(101) },
    column: 'orgName',
    severity: 'error',
    code: 'text.length',
    message: '组织名称有101个字，超过上限100个字',
  },
  {
    name: 'a 组织名称 with half a surrogate pair',
    changes: { orgName: '浦东青年\uD800协会' },
    column: 'orgName',
    severity: 'error',
    code: 'text.malformed',
  },
  {
    name: 'a 备注 with a control character',
    changes: { note: '已整改\u0007' },
    column: 'note',
    severity: 'error',
    code: 'text.malformed',
  },
  {
    name: 'a 组织名称 that Excel would take for a formula',
    changes: { orgName: '=HYPERLINK("http://x","点我")' },
    column: 'orgName',
    severity: 'error',
    code: 'text.formula',
    message: '组织名称“=HYPERLINK("http://x","点我")”以 = + - @ 开头，会被 Excel 当作公式，请去掉开头的符号',
  },
  {
    name: 'a 组织名称 of a minus, a digit and then a formula',
    changes: { orgName: '-1+1|cmd' },
    column: 'orgName',
    severity: 'error',
    code: 'text.formula',
  },
  {
    name: 'a full-width ＝ before a formula',
    changes: { orgName: '＝1+1' },
    column: 'orgName',
    severity: 'error',
    code: 'text.formula',
  },
  {
    name: 'a 团组织书记 starting with @',
    changes: { secretary: '@王芳' },
    column: 'secretary',
    severity: 'error',
    code: 'text.formula',
  },
  {
    name: 'a 51-character 团组织书记',
    changes: { secretary: '王'.repeat(51) },
    column: 'secretary',
    severity: 'error',
    code: 'text.length',
  },
  {
    name: 'a 1001-character 备注',
    changes: { note: '备'.repeat(1001) },
    column: 'note',
    severity: 'error',
    code: 'text.length',
  },
  {
    name: 'a logical value in 组织名称',
    changes: { orgName: true },
    column: 'orgName',
    severity: 'error',
    code: 'text.invalid',
    message: '组织名称应为文字，实际为逻辑值TRUE',
  },
  {
    name: 'a logical value in 团组织书记',
    changes: { secretary: false },
    column: 'secretary',
    severity: 'error',
    code: 'text.invalid',
  },
  {
    name: 'a logical value in 信用代码',
    changes: { creditCode: true },
    column: 'creditCode',
    severity: 'error',
    code: 'text.invalid',
  },
  {
    name: 'a 16-character credit code',
    changes: { creditCode: '51310115MJ498561' },
    column: 'creditCode',
    severity: 'error',
    code: 'creditCode.length',
    message: '统一社会信用代码“51310115MJ498561”为16位，应为18位',
  },
  {
    name: 'a credit code with the letter I',
    changes: { creditCode: '51310115IJ4985617X' },
    column: 'creditCode',
    severity: 'error',
    code: 'creditCode.charset',
    message:
      '统一社会信用代码“51310115IJ4985617X”含有不允许的字符“I”；应由数字和大写字母组成（不使用I、O、S、V、Z）',
  },
  {
    name: 'a credit code with a wrong check character',
    changes: { creditCode: `51310115MJ4985617${WRONG_CHECK}` },
    column: 'creditCode',
    severity: 'error',
    code: 'creditCode.checkChar',
    message: `统一社会信用代码“51310115MJ4985617${WRONG_CHECK}”的校验位为“${WRONG_CHECK}”，按GB 32100-2015计算应为“${SOCIAL_CHECK}”，请核对是否抄错`,
  },
  {
    name: 'a 民办非企业单位 code on a 社会团体',
    changes: { creditCode: NON_ENTERPRISE_CODE },
    column: 'creditCode',
    severity: 'warning',
    code: 'creditCode.categoryMismatch',
    message: `统一社会信用代码“${NON_ENTERPRISE_CODE}”第2位“2”表示民办非企业单位，与组织类型“社会团体”不一致`,
  },
  {
    name: 'an unknown 组织类型',
    changes: { orgType: '协会' },
    column: 'orgType',
    severity: 'error',
    code: 'enum.invalid',
  },
  {
    name: 'a number as 组织类型',
    changes: { orgType: 3 },
    column: 'orgType',
    severity: 'error',
    code: 'enum.invalid',
  },
  {
    name: 'an unknown 建团状态',
    changes: { status: '已建' },
    column: 'status',
    severity: 'error',
    code: 'enum.invalid',
    message: '建团状态“已建”不是可选值，应为：已建团、筹建中、未建团',
  },
  {
    name: 'an unknown 建团模式',
    changes: { mode: '独立' },
    column: 'mode',
    severity: 'error',
    code: 'enum.invalid',
  },
  {
    name: 'an unknown 团组织类型',
    changes: { leagueOrgType: '团小组' },
    column: 'leagueOrgType',
    severity: 'error',
    code: 'enum.invalid',
  },
  {
    name: 'an unknown 抽查结果',
    changes: { checkResult: '真实' },
    column: 'checkResult',
    severity: 'error',
    code: 'enum.invalid',
  },
  {
    name: 'words as 青年人数',
    changes: { youthCount: '三十五' },
    column: 'youthCount',
    severity: 'error',
    code: 'integer.invalid',
    message: '青年人数“三十五”不是整数，应填写0或正整数（如12）',
  },
  {
    name: 'a fraction as 青年人数',
    changes: { youthCount: 35.5 },
    column: 'youthCount',
    severity: 'error',
    code: 'integer.invalid',
  },
  {
    name: 'a logical value as 团员人数',
    changes: { memberCount: true },
    column: 'memberCount',
    severity: 'error',
    code: 'integer.invalid',
  },
  {
    name: 'a count with a unit as 团员人数',
    changes: { memberCount: '8人' },
    column: 'memberCount',
    severity: 'error',
    code: 'integer.invalid',
  },
  {
    name: 'a negative 团员人数',
    changes: { memberCount: -1 },
    column: 'memberCount',
    severity: 'error',
    code: 'integer.negative',
    message: '团员人数为-1，不能为负数',
  },
  {
    name: 'more members than youth',
    changes: { youthCount: 6, memberCount: 8 },
    column: 'memberCount',
    severity: 'error',
    code: 'memberCount.exceedsYouth',
    message: '团员人数（8）多于青年人数（6），团员人数应不超过青年人数',
  },
  {
    name: 'a date that does not exist',
    changes: { establishedOn: '2026-02-30' },
    column: 'establishedOn',
    severity: 'error',
    code: 'date.unrecognized',
    message:
      '建团时间“2026-02-30”无法识别为日期或有歧义；请填写如2011-06-28、2011/6/28、2011.6.28或2011年6月28日的日期，或使用Excel日期单元格',
  },
  {
    name: 'words as 建团时间',
    changes: { establishedOn: '上个月' },
    column: 'establishedOn',
    severity: 'error',
    code: 'date.unrecognized',
  },
  {
    name: 'an unconverted serial as 建团时间',
    changes: { establishedOn: 46067 },
    column: 'establishedOn',
    severity: 'error',
    code: 'date.unrecognized',
  },
  {
    name: 'a year before 1900',
    changes: { establishedOn: '1026-02-14' },
    column: 'establishedOn',
    severity: 'error',
    code: 'date.unrecognized',
  },
  {
    name: 'month 13 as 抽查日期',
    changes: { checkedOn: '2026-13-01' },
    column: 'checkedOn',
    severity: 'error',
    code: 'date.unrecognized',
  },
  {
    name: 'a 建团时间 after today',
    changes: { establishedOn: '2031-01-01' },
    column: 'establishedOn',
    severity: 'error',
    code: 'date.future',
    message: '建团时间“2031-01-01”晚于今天（2026-11-25）',
  },
  {
    name: 'a 建团时间 before the League was founded',
    changes: { establishedOn: '1922-05-04' },
    column: 'establishedOn',
    severity: 'error',
    code: 'establishedOn.beforeLeague',
    message: '建团时间“1922-05-04”早于中国共产主义青年团成立（1922年5月5日），请核对',
  },
  {
    name: 'a 建团时间 of 1900-01-01, a typo',
    changes: { establishedOn: '1900-01-01' },
    column: 'establishedOn',
    severity: 'error',
    code: 'establishedOn.beforeLeague',
  },
  {
    name: 'a 建团时间 before 1990',
    changes: { establishedOn: '1989-12-31' },
    column: 'establishedOn',
    severity: 'warning',
    code: 'establishedOn.early',
    message: '建团时间“1989-12-31”早于1990年，请核对是否填错（本行仍可上传）',
  },
  {
    name: 'a 抽查日期 tomorrow',
    changes: { checkedOn: '2026-11-26' },
    column: 'checkedOn',
    severity: 'error',
    code: 'date.future',
  },
  {
    name: 'a 建团时间 on a 筹建中 row',
    changes: { status: '筹建中' },
    column: 'establishedOn',
    severity: 'error',
    code: 'establishedOn.notAllowed',
    message:
      '建团状态为“筹建中”时建团时间应为空，本行填写了“2026-02-14”；如已建立团组织，请将建团状态改为“已建团”',
  },
  {
    name: 'an unreadable 建团时间 on a 未建团 row',
    changes: { status: '未建团', establishedOn: '不详' },
    column: 'establishedOn',
    severity: 'error',
    code: 'establishedOn.notAllowed',
  },
  {
    name: '已建团 without 建团时间',
    changes: { establishedOn: undefined },
    column: 'establishedOn',
    severity: 'error',
    code: 'requiredWhenEstablished',
    message: '建团状态为“已建团”时建团时间为必填项，本行未填写',
  },
  {
    name: '已建团 without 建团模式',
    changes: { mode: undefined },
    column: 'mode',
    severity: 'error',
    code: 'requiredWhenEstablished',
  },
  {
    name: '已建团 without 团组织类型',
    changes: { leagueOrgType: '' },
    column: 'leagueOrgType',
    severity: 'error',
    code: 'requiredWhenEstablished',
  },
  {
    name: '已建团 without 团组织书记',
    changes: { secretary: null },
    column: 'secretary',
    severity: 'error',
    code: 'requiredWhenEstablished',
  },
  {
    name: '已建团 without 联系电话',
    changes: { phone: undefined },
    column: 'phone',
    severity: 'error',
    code: 'requiredWhenEstablished',
  },
  {
    name: '独立建团 with 2 members',
    changes: { memberCount: 2 },
    column: 'mode',
    severity: 'error',
    code: 'mode.independentNeedsThree',
    message: '独立建团需至少3名团员，本行团员人数为2；团员不足3人的请选择联合建团、楼宇建团或区域建团',
  },
  {
    name: 'a 团总支 of 10 members under 独立建团',
    changes: { leagueOrgType: '团总支', memberCount: 10 },
    column: 'leagueOrgType',
    severity: 'warning',
    code: 'leagueOrgType.belowThreshold',
    message: '独立建团成立团总支一般需团员30人以上，本行团员人数为10，请核实团组织类型',
  },
  {
    name: 'a 团委 of 99 members under 独立建团',
    changes: { leagueOrgType: '团委', youthCount: 150, memberCount: 99 },
    column: 'leagueOrgType',
    severity: 'warning',
    code: 'leagueOrgType.belowThreshold',
  },
  {
    name: 'a 团支部 of 4 members when branches are configured to need 5',
    changes: { memberCount: 4 },
    context: { thresholds: { 团支部: 5 } },
    column: 'leagueOrgType',
    severity: 'warning',
    code: 'leagueOrgType.belowThreshold',
  },
  {
    name: 'a 10-digit mobile number',
    changes: { phone: '1381234567' },
    column: 'phone',
    severity: 'error',
    code: 'phone.invalid',
    message:
      '联系电话“1381234567”不是有效的电话号码；应为11位手机号（如13812345678）或固定电话（如021-58881234，可带分机号如021-58881234-123）',
  },
  {
    name: 'a mobile number starting 12',
    changes: { phone: '12812345678' },
    column: 'phone',
    severity: 'error',
    code: 'phone.invalid',
  },
  {
    name: 'a landline too short',
    changes: { phone: '021-5888' },
    column: 'phone',
    severity: 'error',
    code: 'phone.invalid',
  },
  {
    name: 'words as 联系电话',
    changes: { phone: '电话待补' },
    column: 'phone',
    severity: 'error',
    code: 'phone.invalid',
  },
  {
    name: 'a logical value as 联系电话',
    changes: { phone: true },
    column: 'phone',
    severity: 'error',
    code: 'phone.invalid',
  },
  {
    name: 'an unknown 是否建立党组织',
    changes: { hasPartyOrg: '有' },
    column: 'hasPartyOrg',
    severity: 'error',
    code: 'yesNo.invalid',
    message: '是否建立党组织“有”无法识别，应为“是”或“否”',
  },
  {
    name: 'a number as 是否建立党组织',
    changes: { hasPartyOrg: 1 },
    column: 'hasPartyOrg',
    severity: 'error',
    code: 'yesNo.invalid',
  },
  {
    name: 'a 抽查日期 without 抽查结果',
    changes: { checkResult: undefined },
    column: 'checkResult',
    severity: 'error',
    code: 'checkResult.requiredWhenChecked',
    message: '填写了抽查日期“2026-03-10”时抽查结果为必填项，应为：属实、不属实、无法联系',
  },
  {
    name: 'a 抽查结果 without 抽查日期',
    changes: { checkedOn: undefined },
    column: 'checkedOn',
    severity: 'warning',
    code: 'checkedOn.requiredWithResult',
  },
  {
    name: 'a 抽查日期 before 建团时间',
    changes: { checkedOn: '2026-01-01' },
    column: 'checkedOn',
    severity: 'warning',
    code: 'checkedOn.beforeEstablished',
    message: '抽查日期“2026-01-01”早于建团时间“2026-02-14”，请核实',
  },
  {
    name: 'an unknown 所属单位',
    changes: { unit: '金桥镇' },
    column: 'unit',
    severity: 'error',
    code: 'unit.unknown',
    message: '所属单位“金桥镇”不是已知单位，请填写单位全称或单位代码',
  },
  {
    name: "another unit's row under a unit token",
    changes: { unit: '陆家嘴街道' },
    context: { uploaderUnitCode: 'huamu' },
    column: 'unit',
    severity: 'error',
    code: 'unit.notYours',
    message: '所属单位“陆家嘴街道”不是本账号的单位“花木街道”，不能上传其他单位的台账行',
  },
  {
    name: "another unit's code under a unit token",
    changes: { unit: 'lujiazui' },
    context: { uploaderUnitCode: 'huamu' },
    column: 'unit',
    severity: 'error',
    code: 'unit.notYours',
  },
  {
    name: 'an inactive unit',
    changes: { unit: '张江镇' },
    column: 'unit',
    severity: 'warning',
    code: 'unit.inactive',
    message: '所属单位“张江镇”已停用，请核实',
  },
  {
    name: 'a credit code another unit already reports',
    changes: {},
    context: {
      otherUnits: [
        {
          orgKey: orgKey(SOCIAL_CODE, '浦东青年志愿者协会'),
          orgName: '浦东青年志愿者协会',
          unitCode: 'lujiazui',
        },
      ],
    },
    column: 'creditCode',
    severity: 'warning',
    code: 'duplicate.otherUnit',
    message:
      '该组织（浦东青年志愿者协会）已在“陆家嘴街道”的台账中（统一社会信用代码相同）；同一组织只计数一次，计入建团时间最早的单位',
  },
  {
    name: 'a codeless name another unit already reports',
    changes: { creditCode: undefined, orgName: '浦东 青年志愿者协会' },
    context: {
      otherUnits: [
        { orgKey: orgKey(null, '浦东青年志愿者协会'), orgName: '浦东青年志愿者协会', unitCode: 'lujiazui' },
      ],
    },
    column: 'orgName',
    severity: 'warning',
    code: 'duplicate.otherUnit',
  },
  {
    name: 'a name another unit reports without a credit code, this row with one',
    changes: {},
    context: {
      otherUnits: [
        { orgKey: orgKey(null, '浦东 青年志愿者协会'), orgName: '浦东 青年志愿者协会', unitCode: 'lujiazui' },
      ],
    },
    column: 'orgName',
    severity: 'warning',
    code: 'duplicate.otherUnit',
  },
  {
    name: 'a name another unit reports with a credit code, this row without one',
    changes: { creditCode: undefined },
    context: {
      otherUnits: [
        {
          orgKey: orgKey(SOCIAL_CODE, '浦东青年志愿者协会'),
          orgName: '浦东青年志愿者协会',
          unitCode: 'lujiazui',
        },
      ],
    },
    column: 'orgName',
    severity: 'warning',
    code: 'duplicate.otherUnit',
  },
];

describe('validateRows: one rule at a time', () => {
  it.each(RULE_CASES)(
    'reports $code on $column for $name',
    ({ changes, column, severity, code, context, message }) => {
      const result = validateRows([sheetRow(changes)], { ...CONTEXT, ...context });
      expect(brief(result)).toEqual([{ row: 5, column, severity, code }]);
      const [diagnostic] = result.diagnostics;
      expect(diagnostic?.header).toBe(COLUMN_BY_KEY[column].header);
      expect(diagnostic?.messageEn).toMatch(/\S/);
      expect(`${diagnostic?.message} ${diagnostic?.messageEn}`).not.toMatch(/undefined|null|NaN/);
      if (message !== undefined) expect(diagnostic?.message).toBe(message);
      expect(result.records).toHaveLength(severity === 'error' ? 0 : 1);
    },
  );

  it('gives each case the severity the catalogue declares', () => {
    for (const { code, severity } of RULE_CASES) expect(DIAGNOSTIC_SEVERITY[code]).toBe(severity);
  });

  it('covers every code in the catalogue (duplicate.inSheet below)', () => {
    const covered = new Set<string>([...RULE_CASES.map(({ code }) => code), 'duplicate.inSheet']);
    expect([...covered].sort()).toEqual(Object.keys(DIAGNOSTIC_SEVERITY).sort());
  });
});

describe('validateRows: another unit with the same name', () => {
  it('gives the same diagnostics when the other units are looked up after the rows are validated', () => {
    const rows = [
      sheetRow({ youthCount: 2, memberCount: 1, mode: '联合建团' }, 5),
      sheetRow({ creditCode: undefined, orgName: '浦东青年跑团' }, 6),
      sheetRow({ creditCode: undefined, orgName: '花木青年书友会' }, 7),
    ];
    const otherUnits = [
      { orgKey: orgKey(null, '浦东 青年跑团'), orgName: '浦东 青年跑团', unitCode: 'lujiazui' },
      { orgKey: orgKey(SOCIAL_CODE, '别名'), orgName: '别名', unitCode: 'zhangjiang' },
    ];
    const once = validateRows(rows, { ...CONTEXT, otherUnits });
    const first = validateRows(rows, CONTEXT);
    const merged = mergeDiagnostics(
      first.diagnostics,
      crossUnitDiagnostics(first.records, otherUnits, CONTEXT.units),
    );
    expect(merged).toEqual(once.diagnostics);
    expect(merged.filter((d) => d.code === 'duplicate.otherUnit').map((d) => d.row)).toEqual([5, 6]);
  });

  it('does not take two different credit codes as one organization', () => {
    const otherCode = withCheckChar('52310115MJ4985622');
    const result = validateRows([sheetRow()], {
      ...CONTEXT,
      otherUnits: [
        {
          orgKey: orgKey(otherCode, '浦东青年志愿者协会'),
          orgName: '浦东青年志愿者协会',
          unitCode: 'lujiazui',
        },
      ],
    });
    expect(result.diagnostics).toEqual([]);
  });
});

describe('validateRows: clean rows', () => {
  it('accepts a complete 已建团 row and types every field', () => {
    const { diagnostics, records } = validateRows([sheetRow()], CONTEXT);
    expect(diagnostics).toEqual([]);
    expect(records).toEqual([
      {
        row: 5,
        orgName: '浦东青年志愿者协会',
        creditCode: SOCIAL_CODE,
        orgType: '社会团体',
        unitCode: 'huamu',
        youthCount: 35,
        memberCount: 8,
        status: '已建团',
        establishedOn: '2026-02-14',
        mode: '独立建团',
        leagueOrgType: '团支部',
        secretary: '王晓明',
        phone: '13812345678',
        hasPartyOrg: true,
        checkedOn: '2026-03-10',
        checkResult: '属实',
        note: '2026年首批',
      },
    ]);
  });

  it('accepts a 未建团 row with only the required cells and nulls the rest', () => {
    const row: SheetRow = {
      row: 12,
      cells: {
        orgName: '张江青年创客社',
        orgType: '未登记青年自组织',
        unit: 'huamu',
        youthCount: 0,
        memberCount: 0,
        status: '未建团',
      },
    };
    const { diagnostics, records } = validateRows([row], CONTEXT);
    expect(diagnostics).toEqual([]);
    expect(records).toEqual([
      {
        row: 12,
        orgName: '张江青年创客社',
        creditCode: null,
        orgType: '未登记青年自组织',
        unitCode: 'huamu',
        youthCount: 0,
        memberCount: 0,
        status: '未建团',
        establishedOn: null,
        mode: null,
        leagueOrgType: null,
        secretary: null,
        phone: null,
        hasPartyOrg: null,
        checkedOn: null,
        checkResult: null,
        note: null,
      },
    ]);
  });

  it.each<[string, Changes]>([
    ['联合建团 with 1 member', { mode: '联合建团', leagueOrgType: '联合团支部', memberCount: 1 }],
    ['楼宇建团 with no member of its own', { mode: '楼宇建团', leagueOrgType: '联合团支部', memberCount: 0 }],
    ['独立建团 团支部 with exactly 3 members', { memberCount: 3 }],
    ['独立建团 团总支 with exactly 30 members', { leagueOrgType: '团总支', memberCount: 30 }],
    ['as many members as youth', { youthCount: 8, memberCount: 8 }],
    ['a 建团时间 of today', { establishedOn: TODAY, checkedOn: TODAY }],
    ['a 筹建中 row with a planned mode and no 建团时间', { status: '筹建中', establishedOn: undefined }],
    [
      'a 未建团 row without mode, type, secretary or phone',
      {
        status: '未建团',
        establishedOn: undefined,
        mode: undefined,
        leagueOrgType: undefined,
        secretary: undefined,
        phone: undefined,
      },
    ],
    ['no credit code at all', { creditCode: undefined }],
    ['a non-civil-affairs credit code', { creditCode: withCheckChar('91310115MA1K4XY00') }],
    ['neither 抽查日期 nor 抽查结果', { checkedOn: undefined, checkResult: undefined }],
    ['a 抽查日期 on the 建团时间', { checkedOn: '2026-02-14' }],
  ])('accepts %s', (_name, changes) => {
    const { diagnostics, records } = validateRows([sheetRow(changes)], CONTEXT);
    expect(diagnostics).toEqual([]);
    expect(records).toHaveLength(1);
  });

  it.each([
    '13812345678',
    '+8613812345678',
    '8613812345678',
    '+86-19912345678',
    '021-58881234',
    '02158881234',
    '(021)58881234',
    '（０２１）５８８８１２３４',
    '0755-8601338',
    '58881234',
    '021-58881234-123',
    '021-58881234转8001',
    '021-58881234ext12',
    '138 1234 5678',
  ])('accepts the phone number %s', (phone) => {
    const { diagnostics, records } = validateRows([sheetRow({ phone })], CONTEXT);
    expect(diagnostics).toEqual([]);
    expect(records[0]?.phone).toBe(phone.normalize('NFKC').replace(/\s/g, ''));
  });

  it.each<[string, Cell | undefined]>([
    ['absent', undefined],
    ['null', null],
    ['an empty string', ''],
    ['only spaces', ' \u3000 '],
  ])('treats a 备注 that is %s as empty', (_name, note) => {
    const { diagnostics, records } = validateRows([sheetRow({ note })], CONTEXT);
    expect(diagnostics).toEqual([]);
    expect(records[0]?.note).toBeNull();
  });
});

describe('validateRows: untrusted and messy cells', () => {
  it('stringifies a number in a text column', () => {
    const { diagnostics, records } = validateRows(
      [sheetRow({ orgName: 12345, creditCode: undefined })],
      CONTEXT,
    );
    expect(diagnostics).toEqual([]);
    expect(records[0]?.orgName).toBe('12345');
  });

  it('reads integers written as text and phones stored as numbers', () => {
    const { diagnostics, records } = validateRows(
      [sheetRow({ youthCount: ' 35 ', memberCount: '８', phone: 13812345678 })],
      CONTEXT,
    );
    expect(diagnostics).toEqual([]);
    expect(records[0]).toMatchObject({ youthCount: 35, memberCount: 8, phone: '13812345678' });
  });

  it('normalizes enum spacing, full-width text, credit-code case and 是/否 written out', () => {
    const { diagnostics, records } = validateRows(
      [
        sheetRow({
          orgName: '　浦东青年志愿者协会（ＰＤ）　',
          creditCode: ` ${SOCIAL_CODE.slice(0, 9).toLowerCase()} ${SOCIAL_CODE.slice(9)} `,
          orgType: '社会 团体',
          status: '已 建 团',
          hasPartyOrg: '否',
        }),
      ],
      CONTEXT,
    );
    expect(diagnostics).toEqual([]);
    expect(records[0]).toMatchObject({
      orgName: '浦东青年志愿者协会(PD)',
      creditCode: SOCIAL_CODE,
      orgType: '社会团体',
      status: '已建团',
      hasPartyOrg: false,
    });
  });

  it('reports every problem of a row, in column order, not just the first', () => {
    const result = validateRows(
      [
        sheetRow({
          phone: '12345',
          establishedOn: '2031-01-01',
          unit: '金桥镇',
          creditCode: `51310115MJ4985617${WRONG_CHECK}`,
          memberCount: 2,
        }),
      ],
      CONTEXT,
    );
    expect(brief(result)).toEqual([
      { row: 5, column: 'creditCode', severity: 'error', code: 'creditCode.checkChar' },
      { row: 5, column: 'unit', severity: 'error', code: 'unit.unknown' },
      { row: 5, column: 'establishedOn', severity: 'error', code: 'date.future' },
      { row: 5, column: 'mode', severity: 'error', code: 'mode.independentNeedsThree' },
      { row: 5, column: 'phone', severity: 'error', code: 'phone.invalid' },
    ]);
    expect(result.records).toEqual([]);
  });

  it('reports 团总支 below three members as both the error and the warning', () => {
    const result = validateRows([sheetRow({ leagueOrgType: '团总支', memberCount: 2 })], CONTEXT);
    expect(brief(result)).toEqual([
      { row: 5, column: 'mode', severity: 'error', code: 'mode.independentNeedsThree' },
      { row: 5, column: 'leagueOrgType', severity: 'warning', code: 'leagueOrgType.belowThreshold' },
    ]);
  });

  it('sorts diagnostics by row, then column, whatever order rows arrive in', () => {
    const result = validateRows(
      [
        sheetRow({ orgName: '陆家嘴青年读书会', creditCode: undefined, phone: 'x', orgType: '协会' }, 9),
        sheetRow({ note: '备'.repeat(1001) }, 4),
      ],
      CONTEXT,
    );
    expect(brief(result).map(({ row, column }) => [row, column])).toEqual([
      [4, 'note'],
      [9, 'orgType'],
      [9, 'phone'],
    ]);
  });

  it('keeps the records of clean and warning-only rows, drops those with errors', () => {
    const { records, diagnostics } = validateRows(
      [
        sheetRow({}, 3),
        sheetRow({ orgName: '花木青年志愿队', creditCode: undefined, unit: '张江镇' }, 4),
        sheetRow({ orgName: '花木青年篮球队', creditCode: undefined, youthCount: -5 }, 6),
      ],
      CONTEXT,
    );
    expect(records.map(({ row }) => row)).toEqual([3, 4]);
    expect(hasErrors(diagnostics)).toBe(true);
  });

  it('refuses a context whose today is not a YYYY-MM-DD date', () => {
    expect(() => validateRows([], { ...CONTEXT, today: '2026/11/25' })).toThrow(RangeError);
  });
});

describe('validateRows: units', () => {
  it.each(['花木街道', 'huamu', ' 花木 街道 ', 'HUAMU', 'ｈｕａｍｕ'])(
    'resolves the unit written as %j',
    (unit) => {
      const { diagnostics, records } = validateRows([sheetRow({ unit })], {
        ...CONTEXT,
        uploaderUnitCode: 'huamu',
      });
      expect(diagnostics).toEqual([]);
      expect(records[0]?.unitCode).toBe('huamu');
    },
  );

  it("lets an admin upload any unit's rows", () => {
    const { diagnostics, records } = validateRows([sheetRow({ unit: '陆家嘴街道' })], CONTEXT);
    expect(diagnostics).toEqual([]);
    expect(records[0]?.unitCode).toBe('lujiazui');
  });

  it('does not warn about an organization already in the same unit', () => {
    const otherUnits = [
      { orgKey: orgKey(SOCIAL_CODE, 'x'), orgName: '浦东青年志愿者协会', unitCode: 'huamu' },
    ];
    expect(validateRows([sheetRow()], { ...CONTEXT, otherUnits }).diagnostics).toEqual([]);
  });

  it('names every other unit that reports the organization, once each', () => {
    const key = orgKey(SOCIAL_CODE, 'x');
    const otherUnits = [
      { orgKey: key, orgName: '浦东青年志愿者协会', unitCode: 'lujiazui' },
      { orgKey: key, orgName: '浦东青年志愿者协会', unitCode: 'zhangjiang' },
      { orgKey: key, orgName: '浦东青年志愿者协会', unitCode: 'lujiazui' },
      // Another credit code under the same name is another organization.
      {
        orgKey: orgKey(withCheckChar('52310115MJ4985622'), 'x'),
        orgName: '浦东青年志愿者协会',
        unitCode: 'gaoqiao',
      },
    ];
    const [diagnostic] = validateRows([sheetRow()], { ...CONTEXT, otherUnits }).diagnostics;
    expect(diagnostic?.message).toBe(
      '该组织（浦东青年志愿者协会）已在“陆家嘴街道”、“张江镇”的台账中（统一社会信用代码相同）；同一组织只计数一次，计入建团时间最早的单位',
    );
  });
});

describe('validateRows: the same organization twice in one sheet', () => {
  it('rejects the later row with the same credit code and names the first', () => {
    const result = validateRows([sheetRow({}, 5), sheetRow({ orgName: '浦东志愿者协会青年部' }, 9)], CONTEXT);
    expect(brief(result)).toEqual([
      { row: 9, column: 'creditCode', severity: 'error', code: 'duplicate.inSheet' },
    ]);
    expect(result.diagnostics[0]?.message).toBe(
      `统一社会信用代码“${SOCIAL_CODE}”与第5行重复，同一组织只能填写一行`,
    );
    expect(result.records.map(({ row }) => row)).toEqual([5]);
  });

  it.each([
    ['浦东青年志愿者协会', '浦东 青年 志愿者协会'],
    ['浦东 青年 志愿者协会', '浦东青年志愿者协会'],
    ['Pudong青年志愿者协会', 'ＰＵＤＯＮＧ 青年志愿者协会'],
    ['浦东青年志愿者协会(筹)', '浦东青年志愿者协会（筹）'],
  ])('rejects %j followed by %j', (first, later) => {
    const result = validateRows(
      [
        sheetRow({ orgName: first, creditCode: undefined }, 5),
        sheetRow({ orgName: later, creditCode: undefined }, 6),
      ],
      CONTEXT,
    );
    expect(brief(result)).toEqual([
      { row: 6, column: 'orgName', severity: 'error', code: 'duplicate.inSheet' },
    ]);
    expect(result.records.map(({ row }) => row)).toEqual([5]);
  });

  it('names the first row in the message, with both spellings', () => {
    const result = validateRows(
      [
        sheetRow({ orgName: '浦东青年志愿者协会', creditCode: undefined }, 5),
        sheetRow({ orgName: '浦东 青年 志愿者协会', creditCode: undefined }, 6),
        sheetRow({ orgName: '浦东青年 志愿者协会', creditCode: undefined }, 7),
      ],
      CONTEXT,
    );
    expect(result.diagnostics.map(({ row, message }) => [row, message])).toEqual([
      [
        6,
        '组织名称“浦东 青年 志愿者协会”与第5行的“浦东青年志愿者协会”重复（忽略空格、全半角和大小写后相同），同一组织只能填写一行',
      ],
      [
        7,
        '组织名称“浦东青年 志愿者协会”与第5行的“浦东青年志愿者协会”重复（忽略空格、全半角和大小写后相同），同一组织只能填写一行',
      ],
    ]);
  });

  it('rejects the same name even under a different credit code', () => {
    const other = withCheckChar('51310115MJ4985618');
    const result = validateRows([sheetRow({}, 5), sheetRow({ creditCode: other }, 6)], CONTEXT);
    expect(brief(result)).toEqual([
      { row: 6, column: 'orgName', severity: 'error', code: 'duplicate.inSheet' },
    ]);
  });

  it('accepts different organizations', () => {
    const result = validateRows(
      [sheetRow({}, 5), sheetRow({ orgName: '浦东青年志愿者联合会', creditCode: undefined }, 6)],
      CONTEXT,
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.records).toHaveLength(2);
  });
});

describe('resolveUnit', () => {
  it.each([
    ['花木街道', 'huamu'],
    ['huamu', 'huamu'],
    [' 花木\u3000街道 ', 'huamu'],
    ['HuaMu', 'huamu'],
    ['ｌｕｊｉａｚｕｉ', 'lujiazui'],
    ['张江镇', 'zhangjiang'],
  ])('resolves %j to %s', (value, code) => {
    expect(resolveUnit(value, UNITS)?.code).toBe(code);
  });

  it.each(['金桥镇', '', '   ', '花木'])('resolves %j to nothing', (value) => {
    expect(resolveUnit(value, UNITS)).toBeNull();
  });

  it('prefers an exact code over a case-insensitive one', () => {
    const units: Unit[] = [
      { code: 'ABC', name: '甲单位', kind: '其他', active: true },
      { code: 'abc', name: '乙单位', kind: '其他', active: true },
    ];
    expect(resolveUnit('abc', units)?.name).toBe('乙单位');
  });
});

describe('hasErrors', () => {
  it('is true only when an error is present', () => {
    const warning = validateRows([sheetRow({ unit: '张江镇' })], CONTEXT).diagnostics;
    const error = validateRows([sheetRow({ unit: '金桥镇' })], CONTEXT).diagnostics;
    expect(hasErrors([])).toBe(false);
    expect(hasErrors(warning)).toBe(false);
    expect(hasErrors([...warning, ...error])).toBe(true);
  });
});

it('computes the test codes it relies on', () => {
  expect(creditCodeCheckChar(SOCIAL_CODE.slice(0, 17))).toBe(SOCIAL_CHECK);
  expect(WRONG_CHECK).not.toBe(SOCIAL_CHECK);
});

describe('validateRows: cells that repeat down the sheet', () => {
  /** Texts that mean one thing in one column and another thing, or nothing, in the next. */
  const SHARED_TEXTS = [
    '团支部',
    '独立建团',
    '社会团体',
    '已建团',
    '未建团',
    '属实',
    '是',
    '否',
    ' 是 ',
    '3',
    ' 40 ',
    '-1',
    '１２',
    '2026-02-14',
    '2026-12-01',
    '２０２６-０３-１０',
    '花木街道',
    'huamu',
    'ZHANGJIANG',
    '金桥镇',
    '',
  ];
  const REPEATING: readonly ColumnKey[] = [
    'orgType',
    'unit',
    'youthCount',
    'memberCount',
    'status',
    'establishedOn',
    'mode',
    'leagueOrgType',
    'hasPartyOrg',
    'checkedOn',
    'checkResult',
  ];
  const changes = fc.record(
    Object.fromEntries(REPEATING.map((key) => [key, fc.constantFrom(...SHARED_TEXTS, CLEAN[key])])),
  );

  it('gives each row what validating it alone gives, in one piece or in several', () => {
    fc.assert(
      fc.property(fc.array(changes, { minLength: 1, maxLength: 8 }), fc.nat(8), (rowChanges, cut) => {
        // Different names and no credit codes: no row is a duplicate of another.
        const rows = rowChanges.map((change, index) =>
          sheetRow({ ...change, orgName: `浦东青年社${index}`, creditCode: undefined }, index + 5),
        );
        const context = { ...CONTEXT, uploaderUnitCode: 'huamu' };
        const alone = rows.map((row) => validateRows([row], context));
        const expected = {
          records: alone.flatMap((result) => result.records),
          diagnostics: alone.flatMap((result) => result.diagnostics),
        };
        expect(validateRows(rows, context)).toEqual(expected);
        const validator = new RowValidator(context);
        validator.add(rows.slice(0, cut));
        validator.add(rows.slice(cut));
        expect(validator.result()).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('reads the same text by its column: an option of one column is an error in another', () => {
    const result = validateRows(
      [
        sheetRow({ orgName: '甲青年社', creditCode: undefined }, 5),
        sheetRow({ orgName: '乙青年社', creditCode: undefined, mode: '团支部' }, 6),
        sheetRow({ orgName: '丙青年社', creditCode: undefined, checkedOn: '2026-02-14' }, 7),
        sheetRow({ orgName: '丁青年社', creditCode: undefined, mode: '团支部' }, 8),
      ],
      CONTEXT,
    );
    expect(brief(result)).toEqual([
      { row: 6, column: 'mode', severity: 'error', code: 'enum.invalid' },
      { row: 8, column: 'mode', severity: 'error', code: 'enum.invalid' },
    ]);
    expect(result.records.map((record) => [record.row, record.leagueOrgType, record.establishedOn])).toEqual([
      [5, '团支部', '2026-02-14'],
      [7, '团支部', '2026-02-14'],
    ]);
  });

  it('reads more distinct texts in a column than it remembers', () => {
    const rows = Array.from({ length: 5_000 }, (_, index) =>
      sheetRow(
        { orgName: `青年社${index}`, creditCode: undefined, youthCount: String(10 + index) },
        index + 5,
      ),
    );
    const result = validateRows(rows, CONTEXT);
    expect(result.diagnostics).toEqual([]);
    expect(result.records.map((record) => record.youthCount)).toEqual(rows.map((_, index) => 10 + index));
  });
});

describe('validateRows: units found by code and by name', () => {
  const units: Unit[] = [
    { code: 'abc', name: '甲单位', kind: '其他', active: true },
    { code: 'XYZ', name: 'ABC', kind: '其他', active: true },
    { code: '12', name: '十二单位', kind: '其他', active: true },
    { code: 'same1', name: '同名单位', kind: '其他', active: true },
    { code: 'same2', name: '同名单位', kind: '其他', active: true },
  ];

  it.each<[Cell, string]>([
    ['abc', 'abc'],
    [' a b c ', 'abc'],
    ['ABC', 'XYZ'],
    ['Abc', 'XYZ'],
    ['ｘｙｚ', 'XYZ'],
    ['xyz', 'XYZ'],
    [12, '12'],
    ['１２', '12'],
    ['同名单位', 'same1'],
  ])('resolves %j to %s on every row, as resolveUnit does', (unit, code) => {
    const rows = [5, 6, 7].map((row) =>
      sheetRow({ orgName: `青年社${row}`, creditCode: undefined, unit }, row),
    );
    const result = validateRows(rows, { ...CONTEXT, units });
    expect(result.diagnostics).toEqual([]);
    expect(result.records.map((record) => record.unitCode)).toEqual([code, code, code]);
    expect(resolveUnit(String(unit), units)?.code).toBe(code);
  });

  it('reports the same unknown or foreign unit on every row it is on', () => {
    const rows = [5, 6, 7, 8].map((row) =>
      sheetRow(
        { orgName: `青年社${row}`, creditCode: undefined, unit: row % 2 === 0 ? '乙单位' : 'ABC' },
        row,
      ),
    );
    const result = validateRows(rows, { ...CONTEXT, units, uploaderUnitCode: 'abc' });
    expect(result.diagnostics.map(({ row, code, message }) => [row, code, message])).toEqual([
      [5, 'unit.notYours', result.diagnostics[0]?.message],
      [6, 'unit.unknown', result.diagnostics[1]?.message],
      [7, 'unit.notYours', result.diagnostics[0]?.message],
      [8, 'unit.unknown', result.diagnostics[1]?.message],
    ]);
    expect(result.diagnostics[1]?.message).toContain('乙单位');
  });
});

describe('validateRows: blank cells', () => {
  it.each(['\u3000', '\u00a0', '\t\n', '\ufeff', ' \u2003 '])(
    'takes a required cell of only %j as missing',
    (blank) => {
      const result = validateRows([sheetRow({ orgType: blank, unit: blank })], CONTEXT);
      expect(brief(result)).toEqual([
        { row: 5, column: 'orgType', severity: 'error', code: 'required' },
        { row: 5, column: 'unit', severity: 'error', code: 'required' },
      ]);
    },
  );
});
