import { describe, expect, it } from 'vitest';
import { ApiClientError } from '../api/client';
import { ExcelLayerError } from '../excel';
import { describeError } from './errors';
import { API_ERROR_CODES, CLIENT_ERROR_CODES, EXCEL_ERROR_CODES, type Lang, messagesFor } from './i18n';

const LANGS: Lang[] = ['zh-CN', 'en'];

describe('describeError', () => {
  it.each(LANGS)('gives each API and connection code its own message (%s)', (lang) => {
    const fallback = messagesFor(lang).errors.apiUnknown('x');
    const summaries = [...API_ERROR_CODES, ...CLIENT_ERROR_CODES].map(
      (code) => describeError(new ApiClientError(code, '…', code === 'network' ? null : 400), lang).summary,
    );
    expect(new Set(summaries).size).toBe(summaries.length);
    for (const summary of summaries) {
      expect(summary.length).toBeGreaterThan(10);
      expect(summary).not.toBe(fallback);
    }
  });

  it('keeps the server’s own message as the detail, in the pane’s language', () => {
    const refused = new ApiClientError('validation_failed', '台账中有 3 处错误，未写入任何数据', 422, {
      messageEn: 'The ledger has 3 error(s); nothing was written',
      diagnostics: [],
    });
    expect(describeError(refused, 'zh-CN')).toEqual({
      summary: '服务器校验未通过，未写入任何数据。',
      detail: '服务器说明：台账中有 3 处错误，未写入任何数据',
    });
    expect(describeError(refused, 'en').detail).toBe(
      'Server: The ledger has 3 error(s); nothing was written',
    );
  });

  it('names the unreachable server on a network failure', () => {
    const lost = new ApiClientError('network', '无法连接服务器：fetch failed', null);
    const text = describeError(lost, 'zh-CN', { serverUrl: 'https://tj.example.cn' });
    expect(text.summary).toContain('无法连接服务器');
    expect(text.summary).toContain('工作表内容没有改动');
    expect(text.detail).toBe('服务器地址：https://tj.example.cn');
  });

  it('says something sensible for a code it does not know', () => {
    expect(describeError(new ApiClientError('teapot', '我是茶壶', 418), 'zh-CN')).toEqual({
      summary: '服务器返回了错误（teapot）。',
      detail: '服务器说明：我是茶壶',
    });
  });

  it('explains the Excel layer’s codes and Office.js errors', () => {
    for (const code of ['SHEET_NOT_FOUND', 'TABLE_NOT_FOUND', 'HEADER_NOT_FOUND'] as const) {
      const text = describeError(new ExcelLayerError(code, '找不到工作表“甲”'), 'zh-CN');
      expect(text.summary).toBe(messagesFor('zh-CN').errors.excel[code]);
      expect(text.detail).toBe('找不到工作表“甲”');
    }
    const editing = Object.assign(new Error('The operation is not allowed in cell edit mode'), {
      name: 'RichApi.Error',
      code: 'InvalidOperationInCellEditMode',
    });
    expect(describeError(editing, 'zh-CN').summary).toContain('单元格编辑状态');
    const other = Object.assign(new Error('boom'), { name: 'RichApi.Error', code: 'Unknown42' });
    expect(describeError(other, 'en').summary).toBe('Excel ran into an error (Unknown42): retry later.');
    for (const lang of LANGS) {
      for (const code of EXCEL_ERROR_CODES)
        expect(messagesFor(lang).errors.excel[code].length).toBeGreaterThan(10);
    }
  });

  it('shows anything else as an unexpected error with its message', () => {
    expect(describeError(new TypeError('x is undefined'), 'zh-CN')).toEqual({
      summary: '出现意外错误：x is undefined',
      detail: null,
    });
  });
});
