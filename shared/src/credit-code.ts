// GB 32100-2015 unified social credit codes: charset, check character, and the civil-affairs category digit.

/** The 31 characters GB 32100-2015 allows (no I, O, S, V, Z). */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * The check character for the first 17 characters of a credit code, or null when they are not 17
 * characters of the GB 32100-2015 charset.
 * @example creditCodeCheckChar('91350100M000100Y4') // => '3'
 */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17.charAt(i));
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_CHARSET.charAt(check);
}

export type CreditCodeProblem = 'length' | 'charset' | 'checkChar';

/** Why a (normalized, upper-case) credit code is not valid, or null when it is. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  for (const char of code) if (!CREDIT_CODE_CHARSET.includes(char)) return 'charset';
  return creditCodeCheckChar(code.slice(0, 17)) === code.charAt(17) ? null : 'checkChar';
}

/** The organization type a civil-affairs (first character 5) credit code's category digit stands for. */
export function civilAffairsOrgType(code: string): '社会团体' | '民办非企业单位' | '基金会' | null {
  if (code.charAt(0) !== '5') return null;
  switch (code.charAt(1)) {
    case '1':
      return '社会团体';
    case '2':
      return '民办非企业单位';
    case '3':
      return '基金会';
    default:
      return null;
  }
}

/** A valid code built from 17 characters by appending their check character. */
export function withCheckChar(first17: string): string {
  const check = creditCodeCheckChar(first17);
  if (check === null) throw new RangeError(`not 17 credit-code characters: ${first17}`);
  return first17 + check;
}
