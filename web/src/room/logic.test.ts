import { describe, expect, it } from 'vitest';
import { archiveProgress, readableName } from './archives';
import { decodeChat, encodeChat } from './chat';
import { guestLink, hostKeyFromHash, hostLink } from './invite';
import { bestGrid, chooseLayout, stripSide } from './layout';
import { streamsToMute, type Person } from './participants';
import { gradeQuality, LossTracker } from './quality';
import { SpeakerDetector } from './speaker';
import type { RemoteStream } from '../media';

describe('bestGrid', () => {
  it('puts two people side by side on a wide screen and one above the other on a phone', () => {
    expect(bestGrid(2, 1280, 700)).toMatchObject({ columns: 2, rows: 1 });
    expect(bestGrid(2, 360, 600)).toMatchObject({ columns: 1, rows: 2 });
  });

  it('makes four a 2x2 on a laptop and nine a 3x3 on a large screen', () => {
    expect(bestGrid(4, 1280, 700)).toMatchObject({ columns: 2, rows: 2 });
    expect(bestGrid(9, 1920, 1000)).toMatchObject({ columns: 3, rows: 3 });
  });

  it('keeps one tile whole and handles an empty or unmeasured box', () => {
    expect(bestGrid(1, 800, 600)).toMatchObject({ columns: 1, rows: 1 });
    expect(bestGrid(0, 800, 600)).toMatchObject({ columns: 1, rows: 1 });
    expect(bestGrid(3, 0, 0)).toMatchObject({ columns: 1, rows: 1 });
  });

  it('never overflows the box', () => {
    for (const [n, w, h] of [[5, 360, 600], [7, 1280, 700], [16, 1920, 1000]] as const) {
      const fit = bestGrid(n, w, h);
      expect(fit.columns * fit.rows).toBeGreaterThanOrEqual(n);
      expect(fit.columns * fit.tileWidth).toBeLessThanOrEqual(w);
      expect(fit.rows * fit.tileHeight).toBeLessThanOrEqual(h);
    }
  });
});

describe('chooseLayout', () => {
  const tiles = ['self', 's-1', 's-2'];
  it('is a grid until someone chooses otherwise', () => {
    expect(chooseLayout({ mode: 'auto', tiles, screens: [] })).toEqual({ kind: 'grid' });
  });
  it('focuses the active speaker in speaker view, never the own camera', () => {
    expect(chooseLayout({ mode: 'speaker', tiles, screens: [], activeSpeaker: 's-2', self: 'self' }))
      .toEqual({ kind: 'speaker', focus: 's-2' });
    expect(chooseLayout({ mode: 'speaker', tiles, screens: [], activeSpeaker: 'self', self: 'self' }))
      .toEqual({ kind: 'speaker', focus: 's-1' });
  });
  it('puts a shared screen in focus unless the grid was chosen, and a pin above all', () => {
    const withScreen = [...tiles, 's-3'];
    expect(chooseLayout({ mode: 'auto', tiles: withScreen, screens: ['s-3'] })).toEqual({ kind: 'screen', focus: 's-3' });
    expect(chooseLayout({ mode: 'grid', tiles: withScreen, screens: ['s-3'] })).toEqual({ kind: 'grid' });
    expect(chooseLayout({ mode: 'grid', tiles: withScreen, screens: ['s-3'], pinned: 's-1' }))
      .toEqual({ kind: 'pinned', focus: 's-1' });
    expect(chooseLayout({ mode: 'auto', tiles, screens: [], pinned: 'gone' })).toEqual({ kind: 'grid' });
  });
  it('lines the strip up beside the stage when wide, below it when tall', () => {
    expect(stripSide(1280, 700)).toBe('right');
    expect(stripSide(360, 640)).toBe('bottom');
  });
});

describe('SpeakerDetector', () => {
  it('lights a tile while it is loud and a moment after, and switches the active speaker only after a while', () => {
    const detector = new SpeakerDetector();
    let result = detector.update(new Map([['a', 0.3], ['b', 0]]), 0);
    expect([...result.speaking]).toEqual(['a']);
    expect(result.active).toBe('a');
    result = detector.update(new Map([['a', 0.01], ['b', 0.5]]), 200);
    expect(result.speaking).toEqual(new Set(['a', 'b']));
    expect(result.active).toBe('a');
    result = detector.update(new Map([['a', 0], ['b', 0.5]]), 900);
    expect(result.active).toBe('b');
    result = detector.update(new Map([['a', 0], ['b', 0]]), 3000);
    expect(result.speaking.size).toBe(0);
  });
});

describe('quality', () => {
  it('grades loss and round trip', () => {
    expect(gradeQuality(0, 20)).toBe('good');
    expect(gradeQuality(0.05, 100)).toBe('fair');
    expect(gradeQuality(0, 450)).toBe('fair');
    expect(gradeQuality(0.2, 50)).toBe('poor');
    expect(gradeQuality(undefined, undefined)).toBe('unknown');
  });
  it('takes the loss between two samples of cumulative counters', () => {
    const tracker = new LossTracker();
    expect(tracker.lossFraction('s', { packetsLost: 0, packetsReceived: 100 })).toBeUndefined();
    expect(tracker.lossFraction('s', { packetsLost: 10, packetsReceived: 190 })).toBeCloseTo(0.1);
    expect(tracker.lossFraction('s', { packetsLost: 10, packetsReceived: 190 })).toBeUndefined();
  });
});

describe('archives in words', () => {
  it('names an archive by its room and time', () => {
    expect(readableName({ name: 'standup 01/05/2024, 10:00:00', createdAt: '2024-05-01T10:00:00Z' })).toMatch(/^standup · /);
    expect(readableName({ name: 'Board meeting', createdAt: '2024-05-01T10:00:00Z' })).toBe('Board meeting');
    expect(readableName({ name: '' })).toBe('Recording');
  });
  it('places each status on recorded -> composed -> available', () => {
    expect(archiveProgress({ status: 'STARTED' })).toMatchObject({ step: 0, state: 'active' });
    expect(archiveProgress({ status: 'STOPPED' })).toMatchObject({ step: 1, state: 'active' });
    expect(archiveProgress({ status: 'AVAILABLE' })).toMatchObject({ step: 2, state: 'done' });
    expect(archiveProgress({ status: 'FAILED', reason: 'No media' })).toEqual({ step: 2, state: 'failed', words: 'Failed: No media' });
  });
});

describe('chat and invites', () => {
  it('encodes chat as JSON text and refuses anything else', () => {
    expect(decodeChat(encodeChat('hello'))).toBe('hello');
    expect(decodeChat('not json')).toBeUndefined();
    expect(decodeChat('{"text":"  "}')).toBeUndefined();
    expect(decodeChat(encodeChat('x'.repeat(5000)))?.length).toBe(1000);
  });
  it('puts the moderator key only in the host link, in the fragment', () => {
    expect(guestLink('https://p.test', 'standup')).toBe('https://p.test/r/standup');
    expect(hostLink('https://p.test', 'standup', 'k/1')).toBe('https://p.test/r/standup#host=k%2F1');
    expect(hostKeyFromHash('#host=k%2F1')).toBe('k/1');
    expect(hostKeyFromHash('#token=abc')).toBeUndefined();
  });
  it('mutes everyone who publishes audio and is not muted', () => {
    const stream = (id: string, audioMuted: boolean, hasAudio = true): RemoteStream => ({
      streamId: id, connectionId: `c-${id}`, name: id, hasAudio, hasVideo: true, videoType: 'camera', audioMuted, videoMuted: false,
    });
    const people: Person[] = [
      { connectionId: 'c-a', name: 'a', camera: stream('a', false), screens: 0 },
      { connectionId: 'c-b', name: 'b', camera: stream('b', true), screens: 0 },
      { connectionId: 'c-c', name: 'c', screens: 1 },
      { connectionId: 'c-d', name: 'd', camera: stream('d', false, false), screens: 0 },
    ];
    expect(streamsToMute(people).map((s) => s.streamId)).toEqual(['a']);
  });
});
