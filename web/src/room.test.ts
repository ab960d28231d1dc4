// @vitest-environment happy-dom
import createClient from 'openapi-fetch';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { paths } from './api/schema';
import { Emitter, MediaError, type MediaSession, type MediaSessionEvents, type SessionCredentials } from './media';
import { enterRoom } from './room';

const joined = {
  platform: 'vonage', applicationId: 'app-1', sessionId: 'session-1', token: 'token-1', role: 'PUBLISHER', room: 'standup',
};

function apiAnswering(status: number, body: unknown, contentType = 'application/json') {
  const requests: Request[] = [];
  const api = createClient<paths>({
    baseUrl: 'http://parley.test',
    fetch: async (request: Request) => {
      requests.push(request);
      return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
    },
  });
  return { api, requests };
}

class FakeMedia implements MediaSession {
  readonly platform = 'vonage' as const;
  readonly events = new Emitter<MediaSessionEvents>();
  readonly calls: string[] = [];
  connect = async () => { this.calls.push('connect'); };
  publish = async (_target: HTMLElement, options: { name: string }) => { this.calls.push(`publish ${options.name}`); };
  unpublish = () => { this.calls.push('unpublish'); };
  subscribe = async (stream: { streamId: string }) => { this.calls.push(`subscribe ${stream.streamId}`); };
  unsubscribe = () => {};
  setAudioEnabled = (enabled: boolean) => { this.calls.push(`audio ${enabled}`); };
  setVideoEnabled = (enabled: boolean) => { this.calls.push(`video ${enabled}`); };
  on<K extends keyof MediaSessionEvents>(event: K, listener: (payload: MediaSessionEvents[K]) => void) {
    return this.events.on(event, listener);
  }
  disconnect = async () => { this.calls.push('disconnect'); };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const tiles = (root: HTMLElement) => [...root.querySelectorAll('[role="group"]')].map((t) => t.getAttribute('aria-label'));
const button = (root: HTMLElement, name: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent === name) as HTMLButtonElement;

afterEach(() => {
  document.body.replaceChildren();
});

describe('enterRoom', () => {
  it('joins with the display name, publishes, and shows a tile per participant', async () => {
    const { api, requests } = apiAnswering(200, joined);
    const media = new FakeMedia();
    const opened: SessionCredentials[] = [];
    const root = document.body.appendChild(document.createElement('main'));
    enterRoom(root, {
      api, room: 'standup', displayName: 'Ada', onLeave: () => {},
      openMedia: async (credentials) => { opened.push(credentials); return media; },
    });
    await settle();

    expect(requests[0]?.url).toBe('http://parley.test/api/v1/rooms/standup/join');
    expect(await requests[0]?.json()).toEqual({ displayName: 'Ada' });
    expect(opened).toEqual([{ platform: 'vonage', applicationId: 'app-1', sessionId: 'session-1', token: 'token-1' }]);
    expect(media.calls).toEqual(['connect', 'publish Ada']);
    expect(tiles(root)).toEqual(['Ada (you)']);

    const stream = { streamId: 's-2', connectionId: 'c-2', name: 'Grace', hasAudio: true, hasVideo: true };
    media.events.emit('streamCreated', { stream });
    await settle();
    expect(tiles(root)).toEqual(['Ada (you)', 'Grace']);
    expect(media.calls).toContain('subscribe s-2');
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Grace joined.');

    media.events.emit('streamDestroyed', { stream, reason: 'clientDisconnected' });
    expect(tiles(root)).toEqual(['Ada (you)']);
  });

  it('mutes the microphone with a toggle button', async () => {
    const { api } = apiAnswering(200, joined);
    const media = new FakeMedia();
    const root = document.body.appendChild(document.createElement('main'));
    enterRoom(root, { api, room: 'standup', displayName: 'Ada', onLeave: () => {}, openMedia: async () => media });
    await settle();

    const microphone = button(root, 'Mute microphone');
    microphone.click();
    expect(media.calls).toContain('audio false');
    expect(microphone.getAttribute('aria-pressed')).toBe('true');
  });

  it('leaves with the Leave button', async () => {
    const { api } = apiAnswering(200, joined);
    const media = new FakeMedia();
    const onLeave = vi.fn();
    const root = document.body.appendChild(document.createElement('main'));
    enterRoom(root, { api, room: 'standup', displayName: 'Ada', onLeave, openMedia: async () => media });
    await settle();

    button(root, 'Leave').click();
    await settle();
    expect(media.calls).toContain('disconnect');
    expect(onLeave).toHaveBeenCalledWith(undefined);
  });

  it('shows the problem detail when the join is refused', async () => {
    const { api } = apiAnswering(429, {
      type: 'urn:parley:problem:rate-limited', title: 'Too many requests', status: 429,
      detail: 'Too many joins from this address; try again in 5 s',
    }, 'application/problem+json');
    const openMedia = vi.fn();
    const root = document.body.appendChild(document.createElement('main'));
    enterRoom(root, { api, room: 'standup', displayName: 'Ada', onLeave: () => {}, openMedia });
    await settle();

    expect(root.querySelector('[role="alert"]')?.textContent).toBe('Too many joins from this address; try again in 5 s');
    expect(openMedia).not.toHaveBeenCalled();
    expect(tiles(root)).toEqual([]);
    expect(button(root, 'Leave')).toBeDefined();
  });

  it('says so when the media platform cannot be used', async () => {
    const { api } = apiAnswering(200, { ...joined, platform: 'embedded' });
    const root = document.body.appendChild(document.createElement('main'));
    enterRoom(root, {
      api, room: 'standup', displayName: 'Ada', onLeave: () => {},
      openMedia: async () => { throw new MediaError('Embedded media is elsewhere.'); },
    });
    await settle();

    expect(root.querySelector('[role="alert"]')?.textContent).toBe('Embedded media is elsewhere.');
    expect(root.querySelector('[role="status"]')?.textContent).toBe('You joined standup, but this app cannot carry its media.');
  });
});
