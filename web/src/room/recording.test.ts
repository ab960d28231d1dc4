// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createRecording } from './recording';

const recordingWith = (toasts: string[]) => createRecording({
  room: 'standup', announce: () => {}, toast: (m) => toasts.push(m), showError: () => {}, clearError: () => {},
});

describe('createRecording', () => {
  it('shows the badge while any archive records, and toasts only when recording begins', () => {
    const toasts: string[] = [];
    const recording = recordingWith(toasts);
    expect(recording.badge.hidden).toBe(true);

    recording.started('a-1');
    recording.started('a-2');
    expect(recording.badge.hidden).toBe(false);
    expect(toasts).toEqual(['This room is being recorded.']);

    recording.stopped('a-1');
    expect(recording.badge.hidden).toBe(false);
    recording.stopped('unknown');
    expect(recording.badge.hidden).toBe(false);
    recording.stopped('a-2');
    expect(recording.badge.hidden).toBe(true);
  });
});
