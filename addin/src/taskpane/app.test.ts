import type { Me } from '@tuanjian/shared';
import { describe, expect, it } from 'vitest';
import type { Session, TabId } from '../ui/context';
import { visibleTabs } from '../ui/context';
import { nextTab } from './app';

function sessionAs(role: Me['role']): Session {
  const me: Me = { tokenId: 't', role, label: 'x', unitCode: null, unitName: null, district: '浦东新区' };
  // Only the role matters to the tab list; the client is never called.
  return { serverUrl: 'https://tj.example.cn', me, units: [], client: Object.create(null) };
}

describe('the tab list', () => {
  it('shows 配额 to admins only', () => {
    expect(visibleTabs(null)).not.toContain('quota');
    expect(visibleTabs(sessionAs('unit'))).not.toContain('quota');
    expect(visibleTabs(sessionAs('admin'))).toContain('quota');
  });

  it('shows 历史 to admins and units, not to read-only tokens', () => {
    expect(visibleTabs(sessionAs('admin'))).toContain('history');
    expect(visibleTabs(sessionAs('unit'))).toContain('history');
    expect(visibleTabs(sessionAs('reader'))).not.toContain('history');
    expect(visibleTabs(sessionAs('unit')).slice(0, 5)).toEqual([
      'connect',
      'ledger',
      'upload',
      'bulletin',
      'history',
    ]);
  });

  it('shows 报送 to admins only', () => {
    expect(visibleTabs(sessionAs('admin'))).toContain('reporting');
    expect(visibleTabs(sessionAs('unit'))).not.toContain('reporting');
    expect(visibleTabs(sessionAs('reader'))).not.toContain('reporting');
    expect(visibleTabs(null)).not.toContain('reporting');
  });

  it('shows 补贴 to admins only (a unit reads its own subsidies on its desk; paying is for admins)', () => {
    expect(visibleTabs(sessionAs('admin'))).toContain('subsidies');
    expect(visibleTabs(sessionAs('unit'))).not.toContain('subsidies');
    expect(visibleTabs(sessionAs('reader'))).not.toContain('subsidies');
    expect(visibleTabs(null)).not.toContain('subsidies');
  });

  it('shows 重复 to admins only (a unit reads its own note on its desk)', () => {
    expect(visibleTabs(sessionAs('admin'))).toContain('duplicates');
    expect(visibleTabs(sessionAs('unit'))).not.toContain('duplicates');
    expect(visibleTabs(sessionAs('reader'))).not.toContain('duplicates');
    expect(visibleTabs(null)).not.toContain('duplicates');
  });

  it('moves with the arrow keys, wrapping, and jumps with Home and End', () => {
    const tabs: TabId[] = ['connect', 'ledger', 'upload', 'bulletin'];
    expect(nextTab(tabs, 'connect', 'ArrowRight')).toBe('ledger');
    expect(nextTab(tabs, 'bulletin', 'ArrowRight')).toBe('connect');
    expect(nextTab(tabs, 'connect', 'ArrowLeft')).toBe('bulletin');
    expect(nextTab(tabs, 'upload', 'Home')).toBe('connect');
    expect(nextTab(tabs, 'ledger', 'End')).toBe('bulletin');
    expect(nextTab(tabs, 'ledger', 'Enter')).toBeNull();
  });
});
