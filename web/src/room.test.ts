// @vitest-environment happy-dom
import createClient from 'openapi-fetch';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { paths } from './api/schema';
import { Emitter, MediaError, type MediaSession, type MediaSessionEvents, type RemoteStream, type SessionCredentials } from './media';
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
  platform: 'vonage' | 'embedded' = 'vonage';
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

/** A FakeMedia with the embedded platform's optional methods. */
class FakeEmbeddedMedia extends FakeMedia {
  publishError: Error | undefined;
  constructor() {
    super();
    this.platform = 'embedded';
    this.publish = async (_target: HTMLElement, options: { name: string }) => {
      this.calls.push(`publish ${options.name}`);
      if (this.publishError) {
        throw this.publishError;
      }
    };
  }
  shareScreen = async (_target: HTMLElement, options?: { name?: string }) => { this.calls.push(`share ${options?.name}`); };
  stopScreenShare = () => { this.calls.push('stop sharing'); this.events.emit('screenShareStopped', {}); };
  forceMute = async (streamId: string) => { this.calls.push(`forceMute ${streamId}`); };
  forceDisconnect = async (connectionId: string) => {
    this.calls.push(`forceDisconnect ${connectionId}`);
    throw new MediaError('No such connection', 'not-found');
  };
}

const remote = (overrides: Partial<RemoteStream> = {}): RemoteStream => ({
  streamId: 's-2', connectionId: 'c-2', name: 'Grace', hasAudio: true, hasVideo: true,
  videoType: 'camera', audioMuted: false, videoMuted: false, ...overrides,
});

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
    expect(tiles(root)).toEqual(['Ada']);
    expect(root.querySelector('[role="group"]')?.textContent).toContain('Ada (you)');

    const stream = remote();
    media.events.emit('streamCreated', { stream });
    await settle();
    expect(tiles(root)).toEqual(['Ada', 'Grace']);
    expect(root.querySelector('[aria-label="Grace"]')?.getAttribute('data-stream-id')).toBe('s-2');
    expect(media.calls).toContain('subscribe s-2');
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Grace joined.');

    media.events.emit('streamDestroyed', { stream, reason: 'clientDisconnected' });
    expect(tiles(root)).toEqual(['Ada']);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Grace left.');
  });

  it('shows a remote participant\'s muted microphone and camera', async () => {
    const { api } = apiAnswering(200, joined);
    const media = new FakeMedia();
    const root = document.body.appendChild(document.createElement('main'));
    enterRoom(root, { api, room: 'standup', displayName: 'Ada', onLeave: () => {}, openMedia: async () => media });
    await settle();

    media.events.emit('streamCreated', { stream: remote({ audioMuted: true }) });
    const tile = root.querySelector('[aria-label="Grace"]') as HTMLElement;
    expect(tile.querySelector('[role="img"][aria-label="Microphone muted"]')).not.toBeNull();

    media.events.emit('streamPropertyChanged', { streamId: 's-2', property: 'audioMuted', value: false });
    expect(tile.querySelector('[aria-label="Microphone muted"]')).toBeNull();

    media.events.emit('streamPropertyChanged', { streamId: 's-2', property: 'videoMuted', value: true });
    expect(tile.textContent).toContain('Camera off');
    expect((tile.querySelector('.video') as HTMLElement).hidden).toBe(true);
  });

  it('names a shared screen\'s tile after its owner', async () => {
    const { api } = apiAnswering(200, joined);
    const media = new FakeMedia();
    const root = document.body.appendChild(document.createElement('main'));
    enterRoom(root, { api, room: 'standup', displayName: 'Ada', onLeave: () => {}, openMedia: async () => media });
    await settle();

    media.events.emit('streamCreated', { stream: remote({ streamId: 's-3', videoType: 'screen' }) });
    expect(tiles(root)).toEqual(['Ada', 'Grace (screen)']);
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Grace is sharing their screen.');
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
    expect(microphone.textContent).toBe('Unmute microphone');
    expect(root.querySelector('[aria-label="Ada"] [aria-label="Microphone muted"]')).not.toBeNull();
    microphone.click();
    expect(media.calls).toContain('audio true');
    expect(microphone.textContent).toBe('Mute microphone');
    expect(root.querySelector('[aria-label="Microphone muted"]')).toBeNull();

    const camera = button(root, 'Turn camera off');
    camera.click();
    expect(media.calls).toContain('video false');
    expect(camera.textContent).toBe('Turn camera on');
    expect(root.querySelector('[aria-label="Ada"]')?.textContent).toContain('Camera off');
  });

  it('hides Share screen where the platform cannot share', async () => {
    const { api } = apiAnswering(200, joined);
    const root = document.body.appendChild(document.createElement('main'));
    enterRoom(root, { api, room: 'standup', displayName: 'Ada', onLeave: () => {}, openMedia: async () => new FakeMedia() });
    await settle();
    expect(button(root, 'Share screen').hidden).toBe(true);
  });

  it('shares the screen as a second tile and stops sharing', async () => {
    const { api } = apiAnswering(200, { ...joined, platform: 'embedded' });
    const media = new FakeEmbeddedMedia();
    const root = document.body.appendChild(document.createElement('main'));
    enterRoom(root, { api, room: 'standup', displayName: 'Ada', onLeave: () => {}, openMedia: async () => media });
    await settle();

    button(root, 'Share screen').click();
    await settle();
    expect(media.calls).toContain('share Ada');
    expect(tiles(root)).toEqual(['Ada', 'Ada (screen)']);

    button(root, 'Stop sharing').click();
    expect(media.calls).toContain('stop sharing');
    expect(tiles(root)).toEqual(['Ada']);
    expect(button(root, 'Share screen')).toBeDefined();
  });

  it('shows when a moderator muted the microphone', async () => {
    const { api } = apiAnswering(200, { ...joined, platform: 'embedded' });
    const media = new FakeEmbeddedMedia();
    const root = document.body.appendChild(document.createElement('main'));
    enterRoom(root, { api, room: 'standup', displayName: 'Ada', onLeave: () => {}, openMedia: async () => media });
    await settle();

    media.events.emit('forceMuted', { streamId: 's-1' });
    expect(button(root, 'Unmute microphone')).toBeDefined();
    expect(root.querySelector('[role="status"]')?.textContent).toBe('A moderator muted your microphone.');
  });

  it('gives a moderator Mute and Remove buttons on each remote camera tile', async () => {
    const { api } = apiAnswering(200, { ...joined, platform: 'embedded', role: 'MODERATOR' });
    const media = new FakeEmbeddedMedia();
    const root = document.body.appendChild(document.createElement('main'));
    enterRoom(root, { api, room: 'standup', displayName: 'Ada', onLeave: () => {}, openMedia: async () => media });
    await settle();

    media.events.emit('streamCreated', { stream: remote() });
    media.events.emit('streamCreated', { stream: remote({ streamId: 's-3', videoType: 'screen' }) });
    button(root, 'Mute Grace').click();
    expect(media.calls).toContain('forceMute s-2');
    button(root, 'Remove Grace').click();
    await settle();
    expect(media.calls).toContain('forceDisconnect c-2');
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('Could not remove Grace: No such connection');
    expect(root.querySelector('[aria-label="Grace (screen)"] button')).toBeNull();
  });

  it('gives others no moderator buttons', async () => {
    const { api } = apiAnswering(200, { ...joined, platform: 'embedded' });
    const media = new FakeEmbeddedMedia();
    const root = document.body.appendChild(document.createElement('main'));
    enterRoom(root, { api, room: 'standup', displayName: 'Ada', onLeave: () => {}, openMedia: async () => media });
    await settle();
    media.events.emit('streamCreated', { stream: remote() });
    expect(button(root, 'Mute Grace')).toBeUndefined();
  });

  it('tells a subscriber why it is not published, and still shows the others', async () => {
    const { api } = apiAnswering(200, { ...joined, platform: 'embedded', role: 'SUBSCRIBER' });
    const media = new FakeEmbeddedMedia();
    media.publishError = new MediaError('A SUBSCRIBER may not publish', 'forbidden');
    const root = document.body.appendChild(document.createElement('main'));
    enterRoom(root, { api, room: 'standup', displayName: 'Ada', onLeave: () => {}, openMedia: async () => media });
    await settle();

    expect(media.calls).toContain('publish Ada');
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('You cannot publish in this room: A SUBSCRIBER may not publish');
    expect(tiles(root)).toEqual([]);
    expect(button(root, 'Mute microphone').disabled).toBe(true);
    expect(button(root, 'Turn camera off').disabled).toBe(true);
    expect(button(root, 'Share screen').disabled).toBe(true);

    media.events.emit('streamCreated', { stream: remote() });
    expect(tiles(root)).toEqual(['Grace']);
  });

  it('goes back to the lobby when a moderator removes this participant', async () => {
    const { api } = apiAnswering(200, { ...joined, platform: 'embedded' });
    const media = new FakeEmbeddedMedia();
    const onLeave = vi.fn();
    const root = document.body.appendChild(document.createElement('main'));
    enterRoom(root, { api, room: 'standup', displayName: 'Ada', onLeave, openMedia: async () => media });
    await settle();

    media.events.emit('disconnected', { reason: 'forceDisconnected' });
    await settle();
    expect(onLeave).toHaveBeenCalledWith('A moderator removed you from the room.');
  });

  it('enters with direct credentials without calling the join API', async () => {
    const media = new FakeEmbeddedMedia();
    const opened: SessionCredentials[] = [];
    const credentials = { platform: 'embedded', applicationId: 'parley', sessionId: 'session-9', token: 'a.b.c' } as const;
    const root = document.body.appendChild(document.createElement('main'));
    enterRoom(root, {
      credentials, role: 'PUBLISHER', displayName: 'Lin', onLeave: () => {},
      openMedia: async (c) => { opened.push(c); return media; },
    });
    await settle();

    expect(opened).toEqual([credentials]);
    expect(media.calls).toEqual(['connect', 'publish Lin']);
    expect(tiles(root)).toEqual(['Lin']);
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
