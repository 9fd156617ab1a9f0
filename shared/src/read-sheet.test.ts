import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COLUMNS } from './columns';
import { withCheckChar } from './credit-code';
import { readTrackingSheet } from './read-sheet';
import { DiagnosticSchema, SheetRowSchema } from './schemas';

const CANONICAL_HEADERS = COLUMNS.map((column) => column.header);
const CODE_VOLUNTEERS = withCheckChar('51310115MJ4985617');
const CODE_FINANCE = withCheckChar('52310115MJ5012345');
const CODE_JINQIAO = withCheckChar('52310115MJ6023456');

const toFullWidth = (text: string): string =>
  text.replace(/[!-~]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));

/** A tidy sheet: canonical headers in canonical order from A1, typed values, no blank rows. */
const CLEAN: unknown[][] = [
  CANONICAL_HEADERS,
  [
    '浦东新区青年志愿者协会',
    CODE_VOLUNTEERS,
    '社会团体',
    '花木街道',
    45,
    12,
    '已建团',
    '2011-06-28',
    '独立建团',
    '团支部',
    '张伟',
    '13812345678',
    '是',
    '2011-09-15',
    '属实',
    '',
  ],
  [
    '陆家嘴金融青年联谊会',
    CODE_FINANCE,
    '民办非企业单位',
    '陆家嘴街道',
    1200,
    35,
    '已建团',
    '2012-03-05',
    '楼宇建团',
    '团总支',
    '李娜',
    '021-58881234',
    '否',
    '',
    '',
    '楼宇联建',
  ],
  ['张江青年创客社', '', '未登记青年自组织', '张江镇', 20, 2, '筹建中', '', '', '', '', '', '', '', '', ''],
  [
    '金桥青年公益服务社',
    CODE_JINQIAO,
    '民办非企业单位',
    '金桥镇',
    30,
    5,
    '已建团',
    '2012-02-29',
    '联合建团',
    '联合团支部',
    '王芳',
    '13900001111',
    '否',
    '',
    '',
    '',
  ],
];

/** The same ledger as a unit really keeps it: titles, aliases, shuffled columns, every messy form. */
const MESSY: unknown[][] = [
  ['浦东新区青年社会组织团建台账'],
  ['填报单位：花木街道团工委', '', '', '填报日期：2012年3月'],
  [
    ' 青年社会组织名称 ',
    '所属直属团组织',
    '建团状态（必填）',
    '＊青年人数',
    '团员 人数',
    '信用代码',
    '组织类型',
    '建团时间',
    '建团模式',
    '团组织类型',
    '负责人',
    '联系电话',
    '是否建立党组织',
    '抽查日期',
    '抽查结果',
    '备注',
    '',
    '',
  ],
  [
    '浦东新区青年志愿者协会 ',
    '花木街道',
    '已 建团',
    '４５',
    '12',
    ` ${CODE_VOLUNTEERS.slice(0, 8).toLowerCase()} ${CODE_VOLUNTEERS.slice(8).toLowerCase()}`,
    '社会团体',
    40722,
    '独立建团',
    '团支部',
    ' 张伟',
    13812345678,
    '√',
    '2011年9月15日',
    '属实',
    '',
    '',
    '',
  ],
  ['', '  ', null, undefined, '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
  [
    '陆家嘴金融青年联谊会',
    '陆家嘴街道',
    '已建团',
    '1,200',
    '35.0',
    `${CODE_FINANCE.slice(0, 6)} ${CODE_FINANCE.slice(6)}`,
    '民办非企业单位',
    '2012.3.5',
    '楼宇建团',
    '团总支',
    '李娜',
    '021-5888 1234',
    'N',
    null,
    undefined,
    ' 楼宇联建 ',
  ],
  [],
  [
    '张江青年创客社',
    '张江镇',
    '筹建中',
    '20',
    '２',
    '',
    '未登记青年自组织',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
  ],
  [
    '金桥青年公益服务社',
    '金桥镇',
    ' 已建团',
    30,
    5,
    toFullWidth(CODE_JINQIAO),
    '民办非企业单位',
    '２０１２年２月２９日',
    '联合 建团',
    '联合团支部',
    '王芳',
    '139 0000 1111',
    '否',
    '',
    '',
    '',
    '',
    '',
  ],
  ['', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
];

describe('readTrackingSheet on a whole sheet', () => {
  it('reads a clean sheet into normalized rows with their sheet row numbers', () => {
    const result = readTrackingSheet(CLEAN);
    expect(result.headerRow).toBe(1);
    expect(result.problems).toEqual([]);
    expect(result.columns).toEqual(
      COLUMNS.map((column, index) => ({ key: column.key, header: column.header, index })),
    );
    expect(result.rows).toEqual([
      {
        row: 2,
        cells: {
          orgName: '浦东新区青年志愿者协会',
          creditCode: CODE_VOLUNTEERS,
          orgType: '社会团体',
          unit: '花木街道',
          youthCount: 45,
          memberCount: 12,
          status: '已建团',
          establishedOn: '2011-06-28',
          mode: '独立建团',
          leagueOrgType: '团支部',
          secretary: '张伟',
          phone: '13812345678',
          hasPartyOrg: true,
          checkedOn: '2011-09-15',
          checkResult: '属实',
        },
      },
      {
        row: 3,
        cells: {
          orgName: '陆家嘴金融青年联谊会',
          creditCode: CODE_FINANCE,
          orgType: '民办非企业单位',
          unit: '陆家嘴街道',
          youthCount: 1200,
          memberCount: 35,
          status: '已建团',
          establishedOn: '2012-03-05',
          mode: '楼宇建团',
          leagueOrgType: '团总支',
          secretary: '李娜',
          phone: '021-58881234',
          hasPartyOrg: false,
          note: '楼宇联建',
        },
      },
      {
        row: 4,
        cells: {
          orgName: '张江青年创客社',
          orgType: '未登记青年自组织',
          unit: '张江镇',
          youthCount: 20,
          memberCount: 2,
          status: '筹建中',
        },
      },
      {
        row: 5,
        cells: {
          orgName: '金桥青年公益服务社',
          creditCode: CODE_JINQIAO,
          orgType: '民办非企业单位',
          unit: '金桥镇',
          youthCount: 30,
          memberCount: 5,
          status: '已建团',
          establishedOn: '2012-02-29',
          mode: '联合建团',
          leagueOrgType: '联合团支部',
          secretary: '王芳',
          phone: '13900001111',
          hasPartyOrg: false,
        },
      },
    ]);
  });

  it('reads a messy sheet to exactly the rows of its clean twin, at its own row numbers', () => {
    const clean = readTrackingSheet(CLEAN);
    const messy = readTrackingSheet(MESSY);
    const messyRowOf = new Map([
      [2, 4],
      [3, 6],
      [4, 8],
      [5, 9],
    ]);
    expect(messy.headerRow).toBe(3);
    expect(messy.problems).toEqual([]);
    expect(messy.rows).toEqual(clean.rows.map((row) => ({ ...row, row: messyRowOf.get(row.row) })));
  });

  it('maps shuffled and aliased headers by name and keeps them as written', () => {
    const { columns } = readTrackingSheet(MESSY);
    expect(columns.slice(0, 6)).toEqual([
      { key: 'orgName', header: ' 青年社会组织名称 ', index: 0 },
      { key: 'unit', header: '所属直属团组织', index: 1 },
      { key: 'status', header: '建团状态（必填）', index: 2 },
      { key: 'youthCount', header: '＊青年人数', index: 3 },
      { key: 'memberCount', header: '团员 人数', index: 4 },
      { key: 'creditCode', header: '信用代码', index: 5 },
    ]);
    expect(columns.map((column) => column.key).sort()).toEqual(COLUMNS.map((column) => column.key).sort());
  });

  it('numbers rows from firstRow when the values start lower on the sheet', () => {
    const result = readTrackingSheet(MESSY, { firstRow: 5 });
    expect(result.headerRow).toBe(7);
    expect(result.rows.map((row) => row.row)).toEqual([8, 10, 12, 13]);
  });

  it.each([0, -2, 1.5, Number.NaN])('numbers rows from 1 when firstRow is %j', (firstRow) => {
    expect(readTrackingSheet(CLEAN, { firstRow }).headerRow).toBe(1);
  });
});

const HEADER = ['组织名称', '组织类型', '所属单位', '青年人数', '团员人数', '建团状态'];
const ROW = ['浦东青年社', '社会团体', '花木街道', 10, 3, '筹建中'];

describe('readTrackingSheet finding the header row', () => {
  it.each<[string, unknown[][]]>([
    ['an empty range', []],
    ['a range of empty rows', [[], [null, ''], ['']]],
    ['title rows only', [['浦东新区青年社会组织团建台账'], ['填报单位：花木街道']]],
    ['a row with 组织名称 and only one other known header', [['组织名称', '青年人数', '联系人'], ROW]],
    ['three known headers without 组织名称', [['组织类型', '所属单位', '青年人数'], ROW]],
    ['three cells naming the same column', [['组织名称', '社会组织名称', '青年社会组织名称'], ROW]],
    ['a header below the first 20 rows', [...Array.from({ length: 20 }, () => ['说明']), HEADER, ROW]],
  ])('reports sheet.noHeader for %s', (_, values) => {
    expect(readTrackingSheet(values)).toEqual({
      headerRow: null,
      columns: [],
      rows: [],
      problems: [
        {
          row: null,
          column: null,
          header: null,
          severity: 'error',
          code: 'sheet.noHeader',
          message: '找不到表头行：前20行中没有包含“组织名称”等列名的行（至少需要3个可识别的列名）',
          messageEn:
            'No header row found in the first 20 rows: none holds “组织名称” (Organization) and at least 3 known column names',
        },
      ],
    });
  });

  it('finds a header on the 20th row', () => {
    const values = [...Array.from({ length: 19 }, () => ['说明']), HEADER, ROW];
    const result = readTrackingSheet(values);
    expect(result.headerRow).toBe(20);
    expect(result.rows).toEqual([
      {
        row: 21,
        cells: {
          orgName: '浦东青年社',
          orgType: '社会团体',
          unit: '花木街道',
          youthCount: 10,
          memberCount: 3,
          status: '筹建中',
        },
      },
    ]);
  });

  it('takes the first row with 组织名称 and two other known headers, skipping title rows', () => {
    const result = readTrackingSheet([
      ['组织名称'],
      ['浦东新区青年社会组织团建台账', '组织名称'],
      ['组织名称', '所属单位', '青年人数'],
      ['浦东青年社', '花木街道', 8],
    ]);
    expect(result.headerRow).toBe(3);
    expect(result.rows).toEqual([
      { row: 4, cells: { orgName: '浦东青年社', unit: '花木街道', youthCount: 8 } },
    ]);
  });

  it('matches headers written with full-width characters, spaces, line breaks and required markers', () => {
    const result = readTrackingSheet([
      [
        ' 组织\n名称* ',
        '组织类型（必填）',
        '所属\u3000单位',
        '青年人数\u200b',
        '＊团员人数',
        '建团状态(必填)',
      ],
      ROW,
    ]);
    expect(result.problems).toEqual([]);
    expect(result.columns.map((column) => column.key)).toEqual([
      'orgName',
      'orgType',
      'unit',
      'youthCount',
      'memberCount',
      'status',
    ]);
  });
});

describe('readTrackingSheet reporting sheet-level problems', () => {
  it('reports sheet.missingColumn for each required column absent, at the header row', () => {
    const result = readTrackingSheet([['标题'], ['组织名称', '组织类型', '所属单位', '备注']]);
    expect(result.problems).toEqual([
      {
        row: 2,
        column: 'youthCount',
        header: '青年人数',
        severity: 'error',
        code: 'sheet.missingColumn',
        message: '缺少必填列“青年人数”',
        messageEn: 'Required column “青年人数” (Youth) is missing',
      },
      expect.objectContaining({
        row: 2,
        column: 'memberCount',
        header: '团员人数',
        code: 'sheet.missingColumn',
      }),
      expect.objectContaining({ row: 2, column: 'status', header: '建团状态', code: 'sheet.missingColumn' }),
      expect.objectContaining({ row: 2, column: null, code: 'sheet.empty' }),
    ]);
  });

  it('reports a header with no data rows below it as sheet.empty', () => {
    const result = readTrackingSheet([['浦东新区团建台账'], HEADER, [], ['', '  ']]);
    expect(result.rows).toEqual([]);
    expect(result.problems).toEqual([
      {
        row: 2,
        column: null,
        header: null,
        severity: 'error',
        code: 'sheet.empty',
        message: '表头（第2行）下面没有数据行：空台账不能上传',
        messageEn: 'No data rows below the header (row 2): an empty ledger cannot be uploaded',
      },
    ]);
  });

  it('does not ask for optional columns', () => {
    expect(readTrackingSheet([HEADER, ROW]).problems).toEqual([]);
  });

  it('reports sheet.unknownColumn as a warning and ignores that column', () => {
    const result = readTrackingSheet([
      [...HEADER, '联系人邮箱'],
      [...ROW, 'youth@example.org'],
    ]);
    expect(result.problems).toEqual([
      {
        row: 1,
        column: null,
        header: '联系人邮箱',
        severity: 'warning',
        code: 'sheet.unknownColumn',
        message: '无法识别的列“联系人邮箱”，已忽略该列',
        messageEn: 'Unknown column “联系人邮箱” is ignored',
      },
    ]);
    expect(result.columns).toHaveLength(HEADER.length);
    expect(result.rows[0]?.cells).not.toHaveProperty('联系人邮箱');
  });

  it.each(['序号', '编号', 'No.', ' 序 号 '])(
    'ignores a numbering column “%s” silently, wherever it stands',
    (header) => {
      const result = readTrackingSheet([
        [header, ...HEADER],
        [1, ...ROW],
        [2, ...ROW.map((cell, index) => (index === 0 ? '另一个青年组织' : cell))],
      ]);
      expect(result.problems).toEqual([]);
      expect(result.columns.map((column) => column.index)).toEqual(HEADER.map((_, index) => index + 1));
      expect(result.rows.map((row) => row.cells.orgName)).toEqual([ROW[0], '另一个青年组织']);
    },
  );

  it('reports sheet.duplicateColumn when two headers name the same column, and reads the first', () => {
    const result = readTrackingSheet([
      [...HEADER, '社会组织名称'],
      [...ROW, '另一个名字'],
    ]);
    expect(result.problems).toEqual([
      {
        row: 1,
        column: 'orgName',
        header: '社会组织名称',
        severity: 'error',
        code: 'sheet.duplicateColumn',
        message: '第7列“社会组织名称”与第1列“组织名称”重复（都对应“组织名称”），只使用第1列',
        messageEn:
          'Column 7 “社会组织名称” duplicates column 1 “组织名称” (both are Organization); only column 1 is used',
      },
    ]);
    expect(result.rows[0]?.cells.orgName).toBe('浦东青年社');
  });

  it('reports sheet.unnamedColumn when a column without a header holds data', () => {
    const result = readTrackingSheet([
      [...HEADER.slice(0, 2), '', ...HEADER.slice(2)],
      [...ROW.slice(0, 2), '', ...ROW.slice(2)],
      [...ROW.slice(0, 2), '漏写表头的数据', ...ROW.slice(2)],
    ]);
    expect(result.problems).toEqual([
      {
        row: 1,
        column: null,
        header: null,
        severity: 'warning',
        code: 'sheet.unnamedColumn',
        message: '第3列有数据但没有表头，已忽略该列',
        messageEn: 'Column 3 holds data but has no header; it is ignored',
      },
    ]);
    expect(result.rows).toHaveLength(2);
  });

  it('reports sheet.unnamedColumn for data to the right of the header row', () => {
    const result = readTrackingSheet([HEADER, [...ROW, '', '', '多出来的数据']]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'sheet.unnamedColumn',
        row: 1,
        message: '第9列有数据但没有表头，已忽略该列',
      }),
    ]);
  });

  it('ignores trailing empty columns silently', () => {
    const result = readTrackingSheet([
      [...HEADER, '', null, '  '],
      [...ROW, '', null, undefined],
      [...ROW, ' ', '\u3000'],
    ]);
    expect(result.problems).toEqual([]);
    expect(result.rows).toHaveLength(2);
  });
});

describe('readTrackingSheet reading data rows', () => {
  it('skips blank rows and rows with data only in ignored columns, keeping sheet row numbers', () => {
    const result = readTrackingSheet([
      [...HEADER, '联系人邮箱'],
      ROW,
      [],
      ['', ' ', null, undefined, '\u200b', '', 'only@ignored.org'],
      ['张江青年创客社'],
    ]);
    expect(result.rows).toEqual([
      {
        row: 2,
        cells: {
          orgName: '浦东青年社',
          orgType: '社会团体',
          unit: '花木街道',
          youthCount: 10,
          memberCount: 3,
          status: '筹建中',
        },
      },
      { row: 5, cells: { orgName: '张江青年创客社' } },
    ]);
  });

  it('keeps what it cannot read as text for the validator to flag', () => {
    const result = readTrackingSheet([
      [...HEADER, '建团时间', '是否建立党组织'],
      ['浦东青年社', '社团', '花木街道', '12人', 2.5, '已建', '28/6/2011', '也许'],
    ]);
    expect(result.rows).toEqual([
      {
        row: 2,
        cells: {
          orgName: '浦东青年社',
          orgType: '社团',
          unit: '花木街道',
          youthCount: '12人',
          memberCount: '2.5',
          status: '已建',
          establishedOn: '28/6/2011',
          hasPartyOrg: '也许',
        },
      },
    ]);
  });

  it('reads ragged rows and non-array rows without failing', () => {
    const untyped = JSON.stringify([HEADER, ['浦东青年社'], 'not a row', null, ['金桥青年社', '社会团体']]);
    const result = readTrackingSheet(JSON.parse(untyped));
    expect(result.rows).toEqual([
      { row: 2, cells: { orgName: '浦东青年社' } },
      { row: 5, cells: { orgName: '金桥青年社', orgType: '社会团体' } },
    ]);
  });
});

describe('readTrackingSheet on arbitrary input', () => {
  const knownHeader = fc.constantFrom(
    ...COLUMNS.flatMap((column) => [column.header, ...column.aliases]),
    '',
    '标题',
  );
  const cell = fc.oneof(
    fc.anything(),
    fc.date(),
    fc.double(),
    fc.integer(),
    fc.string(),
    fc.boolean(),
    fc.constantFrom(null, undefined, '', '2011/6/28', '１２', '是'),
  );
  const rowOf = (arbitrary: fc.Arbitrary<unknown>) => fc.array(arbitrary, { maxLength: 20 });

  it('never throws and yields only well-formed rows and diagnostics', () => {
    const sheet = fc.oneof(
      fc.array(fc.array(fc.anything())),
      fc
        .tuple(rowOf(cell), rowOf(knownHeader), fc.array(rowOf(cell), { maxLength: 30 }))
        .map(([title, header, data]) => [title, ['组织名称', '所属单位', '青年人数', ...header], ...data]),
    );
    fc.assert(
      fc.property(sheet, fc.integer({ min: 1, max: 1000 }), (values, firstRow) => {
        const result = readTrackingSheet(values, { firstRow });
        for (const row of result.rows) {
          expect(SheetRowSchema.safeParse(row).success).toBe(true);
          expect(Object.keys(row.cells).length).toBeGreaterThan(0);
        }
        for (const problem of result.problems) expect(DiagnosticSchema.safeParse(problem).success).toBe(true);
        if (result.headerRow === null) expect(result.rows).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});

describe('readTrackingSheet normalizing cells that repeat down the sheet', () => {
  const header = ['组织名称', '所属单位', '青年人数', '是否建立党组织', '建团时间', '备注'];

  it("reads the same text by each column's kind, on every row it is on", () => {
    const rows = [1, 2, 3].map((n) => [
      `青年社${n}`,
      '花木街道',
      '1',
      '1',
      '2011/6/28',
      n === 2 ? '2011/6/28' : '1',
    ]);
    expect(readTrackingSheet([header, ...rows]).rows.map((row) => row.cells)).toEqual(
      [1, 2, 3].map((n) => ({
        orgName: `青年社${n}`,
        unit: '花木街道',
        youthCount: 1,
        hasPartyOrg: true,
        establishedOn: '2011-06-28',
        note: n === 2 ? '2011/6/28' : '1',
      })),
    );
  });

  it('reads a row among others as it reads that row alone', () => {
    const text = fc.constantFrom(
      '1',
      ' 1 ',
      '１',
      '是',
      'Y',
      '否',
      '2011/6/28',
      '2011年6月28日',
      '已建团',
      ' 花木 街道 ',
      '',
      ' ',
    );
    const cell = fc.oneof(text, fc.constantFrom(1, 0, 40722, true, null));
    const row = fc.tuple(fc.constantFrom('青年社', '志愿者协会'), cell, cell, cell, cell, cell);
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), (rows) => {
        const together = readTrackingSheet([header, ...rows]).rows;
        const alone = rows.flatMap(
          (cells, index) => readTrackingSheet([header, cells], { firstRow: index + 1 }).rows,
        );
        expect(together).toEqual(alone);
      }),
      { numRuns: 200 },
    );
  });

  it('reports each column without a header once, in column order, wherever its first data is', () => {
    const result = readTrackingSheet([
      [...HEADER.slice(0, 2), '', ...HEADER.slice(2)],
      [...ROW.slice(0, 2), '', ...ROW.slice(2), '', '右边的数据'],
      [...ROW.slice(0, 2), '漏写表头', ...ROW.slice(2), '也有数据'],
      [...ROW.slice(0, 2), '又一个', ...ROW.slice(2)],
    ]);
    expect(result.problems.map((problem) => [problem.code, problem.message])).toEqual([
      ['sheet.unnamedColumn', '第3列有数据但没有表头，已忽略该列'],
      ['sheet.unnamedColumn', '第8列有数据但没有表头，已忽略该列'],
      ['sheet.unnamedColumn', '第9列有数据但没有表头，已忽略该列'],
    ]);
  });
});
