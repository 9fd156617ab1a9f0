import { describe, expect, it } from 'vitest';
import { shanghaiMinute } from './history-view';

describe('when history says an upload was made', () => {
  it('writes the instant as Shanghai wall time, to the minute, across midnight and year end', () => {
    expect(shanghaiMinute('2026-11-20T02:00:00.000Z')).toBe('2026-11-20 10:00');
    expect(shanghaiMinute('2026-12-31T16:30:59Z')).toBe('2027-01-01 00:30');
  });
});
