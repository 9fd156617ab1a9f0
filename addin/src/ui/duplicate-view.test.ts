import { describe, expect, it } from 'vitest';
import { ApiClientError } from '../api/client';
import { knownRefusal } from './duplicate-view';
import { messagesFor } from './i18n';

const zh = messagesFor('zh-CN').duplicates;
const en = messagesFor('en').duplicates;

function refusal(code: string, problem?: string): ApiClientError {
  const details = problem ? { messageEn: 'x', problems: [{ index: 0, code: problem }] } : undefined;
  return new ApiClientError(code, '服务器的话', code === 'not_found' ? 404 : 422, details);
}

describe('重复: what the screen says when the server refuses', () => {
  it('explains a duplicate that is gone, and reloads the list', () => {
    const known = knownRefusal(refusal('not_found'));
    expect(known?.reload).toBe(true);
    expect(known?.text(zh)).toBe(zh.errors.gone);
    expect(known?.text(en)).toContain('no longer reported by more than one unit');
  });

  it('explains each refusal of an assignment by its problem code, in both languages', () => {
    const cases = [
      ['duplicate.unitNotReporting', zh.errors.unitNotReporting, true],
      ['duplicate.notEstablished', zh.errors.notEstablished, false],
      ['duplicate.isDefault', zh.errors.isDefault, false],
    ] as const;
    for (const [code, text, reload] of cases) {
      const known = knownRefusal(refusal('validation_failed', code));
      expect(known?.text(zh)).toBe(text);
      expect(known?.text(en)).not.toBe(text);
      expect(known?.reload).toBe(reload);
    }
  });

  it('leaves every other failure to the shell’s message for its code', () => {
    expect(knownRefusal(refusal('validation_failed', 'something.else'))).toBeNull();
    expect(knownRefusal(refusal('forbidden'))).toBeNull();
    expect(knownRefusal(new Error('bug'))).toBeNull();
  });
});
