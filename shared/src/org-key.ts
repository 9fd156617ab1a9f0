// Identity of an organization across rows, uploads and units: its credit code, else its normalized name.

const PLAIN_NAME = /^[\x20-\x7e\u3400-\u4dbf\u4e00-\u9fff]*$/;

/** NFKC, every kind of whitespace and zero-width character removed, case-folded. */
export function normalizeOrgName(name: string): string {
  // ASCII printables and CJK ideographs: NFKC changes nothing, only spaces and case remain to fold.
  if (PLAIN_NAME.test(name)) return name.replace(/ /g, '').toLowerCase();
  return name
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200f\u2028-\u202f\u2060-\u2064\ufeff]/gu, '')
    .toLowerCase();
}

/**
 * The key two records share when they are the same organization.
 * @example orgKey(null, ' 浦东 青年 ') // => 'n:浦东青年'
 */
export function orgKey(creditCode: string | null, orgName: string): string {
  return creditCode ? `c:${creditCode}` : `n:${normalizeOrgName(orgName)}`;
}
