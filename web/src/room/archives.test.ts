import { describe, expect, it } from 'vitest';
import { formatDuration, formatSize } from './archives';

describe('archive formatting', () => {
  it('shows durations as mm:ss', () => {
    expect(formatDuration(0)).toBe('00:00');
    expect(formatDuration(65)).toBe('01:05');
    expect(formatDuration(3725)).toBe('62:05');
    expect(formatDuration(undefined)).toBe('–');
  });

  it('shows sizes in decimal units', () => {
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(1_234_567)).toBe('1.2 MB');
    expect(formatSize(34_000_000)).toBe('34 MB');
    expect(formatSize(999_999)).toBe('1.0 MB');
    expect(formatSize(9_960_000)).toBe('10 MB');
    expect(formatSize(undefined)).toBe('–');
  });
});
