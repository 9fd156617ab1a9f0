import { describe, expect, it } from 'vitest';
import { civilAffairsOrgType, creditCodeCheckChar, creditCodeProblem, withCheckChar } from './credit-code';

describe('GB 32100-2015 credit codes', () => {
  it.each([
    ['91350100M000100Y4', '3'],
    ['91110000600037341', 'L'],
  ])('computes the check character of %s as %s', (first17, check) => {
    expect(creditCodeCheckChar(first17)).toBe(check);
  });

  it.each([
    ['91350100M000100Y43', null],
    ['91350100M000100Y44', 'checkChar'],
    ['91350100M000100Y4', 'length'],
    ['91350100M000100I43', 'charset'],
    ['91350100m000100Y43', 'charset'],
  ] as const)('judges %s as %s', (code, problem) => {
    expect(creditCodeProblem(code)).toBe(problem);
  });

  it('reads the civil-affairs category digit', () => {
    expect(civilAffairsOrgType('51310115MJ4985617X')).toBe('社会团体');
    expect(civilAffairsOrgType('52310115MJ4985617X')).toBe('民办非企业单位');
    expect(civilAffairsOrgType('53310115MJ4985617X')).toBe('基金会');
    expect(civilAffairsOrgType('91310115MJ4985617X')).toBeNull();
  });

  it('builds valid codes', () => {
    const code = withCheckChar('52310115MJ4985617');
    expect(creditCodeProblem(code)).toBeNull();
    expect(() => withCheckChar('short')).toThrow(RangeError);
  });
});
