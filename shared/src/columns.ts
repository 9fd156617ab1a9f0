// The tracking sheet's columns (SPEC §2): stable keys, the Chinese header a user sees, and accepted aliases.

export const COLUMN_KEYS = [
  'orgName',
  'creditCode',
  'orgType',
  'unit',
  'youthCount',
  'memberCount',
  'status',
  'establishedOn',
  'mode',
  'leagueOrgType',
  'secretary',
  'phone',
  'hasPartyOrg',
  'checkedOn',
  'checkResult',
  'note',
] as const;

export type ColumnKey = (typeof COLUMN_KEYS)[number];

export type ColumnKind = 'text' | 'creditCode' | 'enum' | 'integer' | 'date' | 'yesNo' | 'phone';

export interface ColumnDef {
  key: ColumnKey;
  header: string;
  headerEn: string;
  aliases: readonly string[];
  kind: ColumnKind;
  /** Required on every row (required-when rules live in validation). */
  required: boolean;
  /** For `enum` columns: the accepted values, as the user writes them. */
  options?: readonly string[];
}

export const ORG_TYPES = ['社会团体', '民办非企业单位', '基金会', '未登记青年自组织', '其他'] as const;
export const STATUSES = ['已建团', '筹建中', '未建团'] as const;
export const MODES = ['独立建团', '联合建团', '楼宇建团', '区域建团'] as const;
export const LEAGUE_ORG_TYPES = ['团委', '团总支', '团支部', '联合团支部'] as const;
export const CHECK_RESULTS = ['属实', '不属实', '无法联系'] as const;
/** 活动台账's kinds of activity (issue 15). */
export const ACTIVITY_KINDS = ['服务', '交友', '就业', '培训', '公益', '其他'] as const;

export const COLUMNS: readonly ColumnDef[] = [
  {
    key: 'orgName',
    header: '组织名称',
    headerEn: 'Organization',
    aliases: ['青年社会组织名称', '社会组织名称'],
    kind: 'text',
    required: true,
  },
  {
    key: 'creditCode',
    header: '统一社会信用代码',
    headerEn: 'Unified social credit code',
    aliases: ['信用代码'],
    kind: 'creditCode',
    required: false,
  },
  {
    key: 'orgType',
    header: '组织类型',
    headerEn: 'Organization type',
    aliases: [],
    kind: 'enum',
    required: true,
    options: ORG_TYPES,
  },
  {
    key: 'unit',
    header: '所属单位',
    headerEn: 'Unit',
    aliases: ['所属直属团组织'],
    kind: 'text',
    required: true,
  },
  { key: 'youthCount', header: '青年人数', headerEn: 'Youth', aliases: [], kind: 'integer', required: true },
  {
    key: 'memberCount',
    header: '团员人数',
    headerEn: 'League members',
    aliases: [],
    kind: 'integer',
    required: true,
  },
  {
    key: 'status',
    header: '建团状态',
    headerEn: 'Status',
    aliases: [],
    kind: 'enum',
    required: true,
    options: STATUSES,
  },
  {
    key: 'establishedOn',
    header: '建团时间',
    headerEn: 'Established on',
    aliases: [],
    kind: 'date',
    required: false,
  },
  {
    key: 'mode',
    header: '建团模式',
    headerEn: 'Mode',
    aliases: [],
    kind: 'enum',
    required: false,
    options: MODES,
  },
  {
    key: 'leagueOrgType',
    header: '团组织类型',
    headerEn: 'League organization type',
    aliases: [],
    kind: 'enum',
    required: false,
    options: LEAGUE_ORG_TYPES,
  },
  {
    key: 'secretary',
    header: '团组织书记',
    headerEn: 'Secretary',
    aliases: ['负责人'],
    kind: 'text',
    required: false,
  },
  { key: 'phone', header: '联系电话', headerEn: 'Phone', aliases: [], kind: 'phone', required: false },
  {
    key: 'hasPartyOrg',
    header: '是否建立党组织',
    headerEn: 'Party organization',
    aliases: [],
    kind: 'yesNo',
    required: false,
  },
  {
    key: 'checkedOn',
    header: '抽查日期',
    headerEn: 'Checked on',
    aliases: [],
    kind: 'date',
    required: false,
  },
  {
    key: 'checkResult',
    header: '抽查结果',
    headerEn: 'Check result',
    aliases: [],
    kind: 'enum',
    required: false,
    options: CHECK_RESULTS,
  },
  { key: 'note', header: '备注', headerEn: 'Note', aliases: [], kind: 'text', required: false },
];

export const COLUMN_BY_KEY: Readonly<Record<ColumnKey, ColumnDef>> = Object.fromEntries(
  COLUMNS.map((column) => [column.key, column]),
) as Record<ColumnKey, ColumnDef>;
