// One word for one thing (SPEC §10), over every text the pane and the web page can show: each message of
// both languages, the functions among them called with sample arguments.
import { describe, expect, it } from 'vitest';
import { messagesFor } from './i18n';

/** Every text reachable from a message table, with its path: strings as they are, functions called. */
function texts(value: unknown, path: string, out: [string, string][]): [string, string][] {
  if (typeof value === 'string') out.push([path, value]);
  else if (typeof value === 'function') {
    // Sample arguments of every kind the message functions take (counts, names, dates).
    const samples = [3, 2, 1, '样例', '2026-11-20'];
    let result: unknown;
    try {
      result = value(...samples);
    } catch {
      result = undefined;
    }
    if (typeof result === 'string') out.push([`${path}()`, result]);
  } else if (typeof value === 'object' && value !== null)
    for (const [key, child] of Object.entries(value)) texts(child, `${path}.${key}`, out);
  return out;
}

const zh = texts(messagesFor('zh-CN'), 'zh', []);
const en = texts(messagesFor('en'), 'en', []);

/** Words the glossary replaces, with the word to use. */
const ZH_DRIFT: [RegExp, string][] = [
  [/预览/, '预检 (dry run)'],
  [/变更/, '修改 (change)'],
  [/登录|登入|登陆/, '连接 (connect)'],
  [/回滚|还原/, '恢复 (restore)'],
];
const EN_DRIFT: [RegExp, string][] = [
  [/\bpreview/i, 'dry run (预检)'],
  [/\b(log|sign)(ged)? ?in\b/i, 'connect (连接)'],
  [/\broll ?back/i, 'restore (恢复)'],
];

describe('one word for one thing (SPEC §10)', () => {
  it('reads every message table: hundreds of texts in each language', () => {
    expect(zh.length).toBeGreaterThan(300);
    expect(en.length).toBeGreaterThan(300);
  });

  it.each(ZH_DRIFT)('no Chinese text says %s (use %s)', (word) => {
    expect(zh.filter(([, text]) => word.test(text))).toEqual([]);
  });

  it.each(EN_DRIFT)('no English text says %s (use %s)', (word) => {
    expect(en.filter(([, text]) => word.test(text))).toEqual([]);
  });

  it('leaves no Chinese-only text in the English tables but the sheet’s own words', () => {
    // The English screens name the sheet's columns and values as the sheet writes them (组织名称, 已建团…),
    // so a Chinese word may appear inside an English sentence; a text with no Latin letter at all may not.
    const untranslated = en.filter(([, text]) => /[\u4e00-\u9fff]/.test(text) && !/[A-Za-z]/.test(text));
    const allowed = (path: string) =>
      // The language switch names the other language in its own words.
      path === 'en.switchLanguage' || path === 'en.switchLanguageLabel';
    expect(untranslated.filter(([path]) => !allowed(path))).toEqual([]);
  });

  it('has every Chinese message in English too, and no other', () => {
    const leaves = (value: unknown, path: string): string[] =>
      typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([key, child]) => leaves(child, `${path}.${key}`))
        : [path];
    expect(leaves(messagesFor('en'), '')).toEqual(leaves(messagesFor('zh-CN'), ''));
  });
});
