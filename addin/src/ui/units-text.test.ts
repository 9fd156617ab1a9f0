import { describe, expect, it } from 'vitest';
import { messagesFor } from './i18n';
import {
  instantText,
  lastUsedText,
  setupGuide,
  setupGuideText,
  unitDraftProblems,
  webAddress,
} from './units-text';

const zh = messagesFor('zh-CN').units;
const en = messagesFor('en').units;

describe('单位与令牌: the pure side', () => {
  it('checks a new unit as the server would', () => {
    expect(unitDraftProblems({ code: 'huamu', name: '花木街道' })).toEqual([]);
    expect(unitDraftProblems({ code: ' huamu ', name: ' 花木 ' })).toEqual([]);
    expect(unitDraftProblems({ code: '花木', name: '花' })).toEqual(['code', 'name']);
    expect(unitDraftProblems({ code: 'a'.repeat(33), name: '街'.repeat(51) })).toEqual(['code', 'name']);
    expect(unitDraftProblems({ code: '', name: '花木街道' })).toEqual(['code']);
  });

  it('writes when a token was last used in Shanghai time, or that it never was', () => {
    expect(lastUsedText(null, 'zh-CN', zh)).toBe('从未使用');
    expect(lastUsedText(null, 'en', en)).toBe('Never');
    expect(lastUsedText('2026-12-02T06:05:00.000Z', 'zh-CN', zh)).toBe('2026年12月2日 14:05');
    expect(instantText('2026-12-31T16:30:00Z', 'en')).toBe('2027-01-01 00:30');
    expect(instantText('not a date', 'zh-CN')).toBe('not a date');
  });

  it('puts the web page under the server address', () => {
    expect(webAddress('https://tj.example.org')).toBe('https://tj.example.org/app/');
    expect(webAddress(' https://tj.example.org// ')).toBe('https://tj.example.org/app/');
  });

  it('writes the 开通说明 with the server, unit, token, web page and steps', () => {
    const guide = setupGuide(
      {
        serverUrl: 'https://tj.example.org/',
        unitName: '新区街道',
        role: 'unit',
        roleName: zh.issueRoles.unit,
        token: 'tj_abc',
        issuedAt: '2026-11-20T02:00:00Z',
      },
      zh,
      'zh-CN',
    );
    const text = setupGuideText(guide);
    expect(text.split('\n')[0]).toBe('团建台账 开通说明');
    expect(text).toContain('单位：新区街道');
    expect(text).toContain('服务器地址：https://tj.example.org\n');
    expect(text).toContain('访问令牌：tj_abc');
    expect(text).toContain('网页版地址：https://tj.example.org/app/');
    expect(text).toContain('发放时间：2026年11月20日 10:00');
    expect(text).toMatch(/\n1\. Excel 加载项：.*管理中心/);
    expect(text).toContain('2. 使用 WPS');
    expect(text).toContain('3. 在“连接”页填写服务器地址 https://tj.example.org 和上面的访问令牌');
  });

  it('leaves the unit out of a reader token’s 开通说明, and writes English with English colons', () => {
    const guide = setupGuide(
      {
        serverUrl: 'https://tj.example.org',
        unitName: null,
        role: 'reader',
        roleName: en.issueRoles.reader,
        token: 'tj_r',
        issuedAt: '2026-11-20T02:00:00Z',
      },
      en,
      'en',
    );
    expect(guide.fields.map((field) => field.label)).not.toContain(en.guide.unit);
    expect(setupGuideText(guide)).toContain('Access token: tj_r');
  });
});
