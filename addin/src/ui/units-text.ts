// The pure side of 单位与令牌: checking a new unit, writing when a token was last used, and the 开通说明
// (setup sheet) a new token is handed over with, as fields and as plain text.
import { chineseDateAndTime, type Role, SHANGHAI_OFFSET_MS } from '@tuanjian/shared';
import type { Lang } from './i18n';
import type { UnitsMessages } from './units-messages';

const UNIT_CODE = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * What is wrong with a unit about to be added (the server's own rules, said before asking it).
 * @example unitDraftProblems({ code: 'huamu', name: '花' }) // => ['name']
 */
export function unitDraftProblems(draft: { code: string; name: string }): ('code' | 'name')[] {
  const problems: ('code' | 'name')[] = [];
  if (!UNIT_CODE.test(draft.code.trim())) problems.push('code');
  const length = [...draft.name.trim()].length;
  if (length < 2 || length > 50) problems.push('name');
  return problems;
}

/**
 * An instant in Asia/Shanghai to the minute: 2026年12月2日 14:05 in Chinese, 2026-12-02 14:05 in English.
 * @example instantText('2026-12-02T06:05:00Z', 'zh-CN') // => '2026年12月2日 14:05'
 */
export function instantText(iso: string, lang: Lang): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  if (lang === 'zh-CN') return chineseDateAndTime(instant);
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** When a token was last used, or that it never was. */
export function lastUsedText(lastUsedAt: string | null, lang: Lang, m: UnitsMessages): string {
  return lastUsedAt === null ? m.never : instantText(lastUsedAt, lang);
}

/**
 * The web page on a server (for WPS and Excel without add-ins).
 * @example webAddress('https://tj.example.org/') // => 'https://tj.example.org/app/'
 */
export function webAddress(serverUrl: string): string {
  return `${serverUrl.trim().replace(/\/+$/, '')}/app/`;
}

export interface SetupGuide {
  title: string;
  fields: { label: string; value: string; mono?: boolean }[];
  stepsHeading: string;
  steps: string[];
  keep: string;
  /** The label-value separator of the language ('：' or ': '). */
  colon: string;
}

/** The 开通说明 of a newly issued token: where to connect, with what, and how to get the add-in or the page. */
export function setupGuide(
  input: {
    serverUrl: string;
    unitName: string | null;
    role: Role;
    roleName: string;
    token: string;
    issuedAt: string;
  },
  m: UnitsMessages,
  lang: Lang,
): SetupGuide {
  const server = input.serverUrl.trim().replace(/\/+$/, '');
  const web = webAddress(server);
  return {
    title: m.guide.title,
    fields: [
      ...(input.unitName === null ? [] : [{ label: m.guide.unit, value: input.unitName }]),
      { label: m.guide.role, value: input.roleName },
      { label: m.guide.server, value: server, mono: true },
      { label: m.guide.token, value: input.token, mono: true },
      { label: m.guide.web, value: web, mono: true },
      { label: m.guide.issuedAt, value: instantText(input.issuedAt, lang) },
    ],
    stepsHeading: m.guide.stepsHeading,
    steps: m.guide.steps(server, web),
    keep: m.guide.keep,
    colon: lang === 'zh-CN' ? '：' : ': ',
  };
}

/** The 开通说明 as plain text, to paste into a message or a document. */
export function setupGuideText(guide: SetupGuide): string {
  return [
    guide.title,
    '',
    ...guide.fields.map((field) => `${field.label}${guide.colon}${field.value}`),
    '',
    `${guide.stepsHeading}${guide.colon.trim()}`,
    ...guide.steps.map((step, index) => `${index + 1}. ${step}`),
    '',
    guide.keep,
  ].join('\n');
}
