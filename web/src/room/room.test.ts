// @vitest-environment happy-dom
import createClient from 'openapi-fetch';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { paths } from '../api/schema';
import { Emitter, MediaError, type MediaSession, type MediaSessionEvents, type RemoteStream, type SessionCredentials } from '../media';
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

/** An API answering by method and path; unanswered requests get 404. Records every request. */
function apiRouting(routes: Record<string, (request: Request) => Response | Promise<Response>>) {
  const requests: Request[] = [];
  const api = createClient<paths>({
    baseUrl: 'http://parley.test',
    fetch: async (request: Request) => {
      requests.push(request);
      const route = routes[`${request.method} ${new URL(request.url).pathname}`];
      return route ? route(request) : json(404, { title: 'Not Found', status: 404 });
    },
  });
  return { api, requests };
}

const json = (status: number, body: unknown, contentType = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });

const archive = (overrides: Record<string, unknown> = {}) => ({
  id: 'a-1', sessionId: 'session-1', name: 'standup 1', status: 'STARTED', outputMode: 'COMPOSED',
  createdAt: '2024-05-01T10:00:00Z', duration: 0, size: 0, ...overrides,
});

class FakeMedia implements MediaSession {
  platform: 'vonage' | 'embedded' = 'vonage';
  capabilities = { screenShare: false, moderation: false, signals: false, audioLevels: false, connectionQuality: false };
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
    this.capabilities = { ...this.capabilities, screenShare: true, moderation: true };
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

  it('marks the active speaker the platform names, and follows it when it changes', async () => {
    const { api } = apiAnswering(200, joined);
    const media = new FakeMedia();
    const root = document.body.appendChild(document.createElement('main'));
    enterRoom(root, { api, room: 'standup', displayName: 'Ada', onLeave: () => {}, openMedia: async () => media });
    await settle();
    media.events.emit('streamCreated', { stream: remote() });
    await settle();
    const grace = root.querySelector('[aria-label="Grace"]') as HTMLElement;
    const self = root.querySelector('[aria-label="Ada (you)"]') as HTMLElement
      ?? root.querySelector('.tile.self') as HTMLElement;

    media.events.emit('activeSpeaker', { streamId: 's-2', self: false });
    expect(grace.dataset.activeSpeaker).toBe('true');
    expect(grace.classList.contains('active-speaker')).toBe(true);

    media.events.emit('activeSpeaker', { streamId: 's-1', self: true });
    expect(grace.dataset.activeSpeaker).toBe('false');
    expect(self.dataset.activeSpeaker).toBe('true');

    media.events.emit('activeSpeaker', { streamId: 'gone', self: false });
    expect(self.dataset.activeSpeaker).toBe('true');
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

  it('shows a notice the back end signals, and ignores one it cannot read', async () => {
    const { api } = apiAnswering(200, joined);
    const media = new FakeMedia();
    const root = document.body.appendChild(document.createElement('main'));
    enterRoom(root, { api, room: 'standup', displayName: 'Ada', onLeave: () => {}, openMedia: async () => media });
    await settle();

    media.events.emit('signal', { signalType: 'notice', data: '{"text":"The room closes in 5 minutes"}', from: 'server' });
    expect(root.querySelector('[role="status"]')?.textContent).toBe('The room closes in 5 minutes');
    expect(document.body.textContent).toContain('The room closes in 5 minutes');

    media.events.emit('signal', { signalType: 'notice', data: 'not json', from: 'server' });
    expect(root.querySelector('[role="status"]')?.textContent).toBe('The room closes in 5 minutes');
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

describe('recording', () => {
  const moderator = { ...joined, platform: 'embedded', role: 'MODERATOR' };
  const joinRoute = (body: unknown) => ({ 'POST /api/v1/rooms/standup/join': () => json(200, body) });
  const badge = (root: HTMLElement) =>
    [...root.querySelectorAll('[role="status"]')].find((e) => e.textContent === 'Recording') as HTMLElement | undefined;
  const recordingShown = (root: HTMLElement) => badge(root)?.hidden === false;

  it('shows everyone a Recording badge while an archive runs', async () => {
    const { api } = apiRouting(joinRoute(joined));
    const media = new FakeMedia();
    const root = document.body.appendChild(document.createElement('main'));
    enterRoom(root, { api, room: 'standup', displayName: 'Ada', onLeave: () => {}, openMedia: async () => media });
    await settle();

    expect(recordingShown(root)).toBe(false);
    media.events.emit('archiveStarted', { archiveId: 'a-1', name: 'standup 1' });
    expect(recordingShown(root)).toBe(true);
    expect(badge(root)?.getAttribute('role')).toBe('status');
    media.events.emit('archiveStopped', { archiveId: 'a-1', name: 'standup 1' });
    expect(recordingShown(root)).toBe(false);
    // The room's own status line stays the first status on the page.
    expect(root.querySelector('[role="status"]')?.textContent).toBe('You are in standup.');
  });

  it('shows the badge to someone joining mid-recording, and a moderator can stop that archive', async () => {
    const { api, requests } = apiRouting({
      ...joinRoute(moderator),
      'POST /api/v1/archives/a-7/stop': () => json(200, archive({ id: 'a-7', status: 'STOPPED' })),
    });
    const media = new FakeEmbeddedMedia();
    // As the embedded session does for connected.archive: archiveStarted right after connecting.
    media.connect = async () => {
      media.calls.push('connect');
      setTimeout(() => media.events.emit('archiveStarted', { archiveId: 'a-7', name: 'earlier' }), 0);
    };
    const root = document.body.appendChild(document.createElement('main'));
    enterRoom(root, { api, room: 'standup', displayName: 'Ada', onLeave: () => {}, openMedia: async () => media });
    await settle();
    await settle();

    expect(recordingShown(root)).toBe(true);
    const stop = button(root, 'Stop recording');
    expect(stop.disabled).toBe(false);
    stop.click();
    expect(stop.textContent).toBe('Stopping recording…');
    expect(stop.disabled).toBe(true);
    await settle();
    const request = requests.find((r) => r.url.endsWith('/stop'));
    expect(request?.method).toBe('POST');
    expect(request?.headers.get('Authorization')).toBe('Bearer token-1');
    expect(stop.textContent).toBe('Start recording');
    expect(stop.disabled).toBe(false);
    expect(recordingShown(root)).toBe(false);
  });

  it('lets a moderator start recording, with a pending state', async () => {
    let answer: (response: Response) => void = () => {};
    const { api, requests } = apiRouting({
      ...joinRoute(moderator),
      'POST /api/v1/sessions/session-1/archives': () => new Promise<Response>((resolve) => { answer = resolve; }),
    });
    const media = new FakeEmbeddedMedia();
    const root = document.body.appendChild(document.createElement('main'));
    enterRoom(root, { api, room: 'standup', displayName: 'Ada', onLeave: () => {}, openMedia: async () => media });
    await settle();

    const record = button(root, 'Start recording');
    expect(record.closest('[role="toolbar"]')).not.toBeNull();
    record.click();
    expect(record.textContent).toBe('Starting recording…');
    expect(record.disabled).toBe(true);
    await settle();
    const request = requests.find((r) => r.url.endsWith('/sessions/session-1/archives'));
    expect(request?.headers.get('Authorization')).toBe('Bearer token-1');
    const body = await request?.clone().json() as { name: string };
    expect(body.name.startsWith('standup ')).toBe(true);

    answer(json(201, archive({ id: 'a-9' })));
    await settle();
    expect(record.textContent).toBe('Stop recording');
    expect(record.disabled).toBe(false);
    expect(recordingShown(root)).toBe(true);

    media.events.emit('archiveStarted', { archiveId: 'a-9', name: body.name });
    expect(record.textContent).toBe('Stop recording');
  });

  it('tells the moderator why recording could not start', async () => {
    const { api } = apiRouting({
      ...joinRoute(moderator),
      'POST /api/v1/sessions/session-1/archives': () => json(409, {
        type: 'urn:parley:problem:conflict', title: 'Conflict', status: 409,
        detail: 'Only routed sessions can be archived',
      }, 'application/problem+json'),
    });
    const root = document.body.appendChild(document.createElement('main'));
    enterRoom(root, { api, room: 'standup', displayName: 'Ada', onLeave: () => {}, openMedia: async () => new FakeEmbeddedMedia() });
    await settle();

    button(root, 'Start recording').click();
    await settle();
    expect(root.querySelector('[role="alert"]')?.textContent).toBe('Recording could not start: Only routed sessions can be archived');
    expect(button(root, 'Start recording').disabled).toBe(false);
    expect(recordingShown(root)).toBe(false);
  });

  it('gives others no recording buttons, but the Archives view', async () => {
    const { api } = apiRouting(joinRoute({ ...joined, platform: 'embedded' }));
    const media = new FakeEmbeddedMedia();
    const root = document.body.appendChild(document.createElement('main'));
    enterRoom(root, { api, room: 'standup', displayName: 'Ada', onLeave: () => {}, openMedia: async () => media });
    await settle();
    media.events.emit('archiveStarted', { archiveId: 'a-1', name: 'standup 1' });

    expect(button(root, 'Start recording')).toBeUndefined();
    expect(button(root, 'Stop recording')).toBeUndefined();
    expect(button(root, 'Archives')).toBeDefined();
    expect(recordingShown(root)).toBe(true);
  });

  it('lists the session\'s archives and plays an available one in-page', async () => {
    const media = new FakeEmbeddedMedia();
    const { api, requests } = apiRouting({
      ...joinRoute({ ...joined, platform: 'embedded' }),
      'GET /api/v1/archives': () => json(200, {
        count: 3,
        items: [
          archive({ id: 'a-3', name: 'standup 3', status: 'FAILED', reason: 'The composer crashed', duration: 4, size: 0 }),
          archive({ id: 'a-2', name: 'standup 2', status: 'AVAILABLE', duration: 65, size: 1_234_567 }),
          archive({ id: 'a-1', name: 'standup 1', status: 'EXPIRED', duration: 3600, size: 2_500_000_000 }),
        ],
      }),
      'GET /api/v1/archives/a-2/playback': () => {
        const response = new Response('media bytes', { status: 200, headers: { 'Content-Type': 'video/webm' } });
        // What fetch reports after following the 302 to the signed media URL.
        Object.defineProperty(response, 'url', { value: 'http://media.parley.test/a-2.webm?signature=xyz' });
        return response;
      },
    });
    const root = document.body.appendChild(document.createElement('main'));
    enterRoom(root, { api, room: 'standup', displayName: 'Ada', onLeave: () => {}, openMedia: async () => media });
    await settle();

    const toggle = button(root, 'Archives');
    const region = root.querySelector('[role="region"][aria-label="Archives"]') as HTMLElement;
    expect(region.hidden).toBe(true);
    toggle.click();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    await settle();
    expect(region.hidden).toBe(false);
    const list = requests.find((r) => new URL(r.url).pathname === '/api/v1/archives');
    expect(new URL(list?.url ?? '').searchParams.get('sessionId')).toBe('session-1');
    expect(list?.headers.get('Authorization')).toBe('Bearer token-1');

    // One entry per archive: a readable name, where it is in recorded -> composed -> available, its facts, its actions.
    const items = [...region.querySelectorAll('li.archive')] as HTMLElement[];
    expect(items.map((li) => li.dataset.status)).toEqual(['FAILED', 'AVAILABLE', 'EXPIRED']);
    const texts = (li: HTMLElement, selector: string) => [...li.querySelectorAll(selector)].map((e) => e.textContent);
    const created = new Date('2024-05-01T10:00:00Z').toLocaleString();
    const [failed, available, expired] = items as [HTMLElement, HTMLElement, HTMLElement];
    expect(failed.querySelector('.archive-status')?.textContent).toBe('Failed: The composer crashed');
    expect(texts(failed, 'dd')).toEqual(['00:04', '0 B', created]);
    expect(failed.querySelector('[aria-current="step"]')?.getAttribute('data-state')).toBe('failed');
    expect(available.querySelector('.archive-name')?.textContent).toMatch(/^standup · /);
    expect(available.querySelector('.archive-status')?.textContent).toBe('Ready to play');
    expect(texts(available, 'dd')).toEqual(['01:05', '1.2 MB', created]);
    expect(texts(available, 'button')).toEqual(['Play standup 2', 'Download standup 2']);
    expect(texts(available, '.step').length).toBe(3);
    expect(expired.textContent).toContain('The media has expired.');
    expect(texts(expired, 'dd')).toEqual(['60:00', '2.5 GB', created]);

    button(root, 'Play standup 2').click();
    await settle();
    const playback = requests.find((r) => r.url.endsWith('/a-2/playback'));
    expect(playback?.headers.get('Authorization')).toBe('Bearer token-1');
    const video = region.querySelector('video[aria-label="Archive playback"]') as HTMLVideoElement;
    expect(video.hidden).toBe(false);
    expect(video.hasAttribute('controls')).toBe(true);
    expect(video.src).toBe('http://media.parley.test/a-2.webm?signature=xyz');

    toggle.click();
    expect(region.hidden).toBe(true);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
  });

  it('says why an archive cannot be played', async () => {
    const { api } = apiRouting({
      ...joinRoute({ ...joined, platform: 'embedded' }),
      'GET /api/v1/archives': () => json(200, { count: 1, items: [archive({ status: 'AVAILABLE' })] }),
      'GET /api/v1/archives/a-1/playback': () => json(409, {
        title: 'Conflict', status: 409, detail: 'The archive\'s media has expired',
      }, 'application/problem+json'),
    });
    const root = document.body.appendChild(document.createElement('main'));
    enterRoom(root, { api, room: 'standup', displayName: 'Ada', onLeave: () => {}, openMedia: async () => new FakeEmbeddedMedia() });
    await settle();
    button(root, 'Archives').click();
    await settle();
    button(root, 'Play standup 1').click();
    await settle();
    const region = root.querySelector('[role="region"][aria-label="Archives"]') as HTMLElement;
    expect(region.textContent).toContain('Could not play standup 1: The archive\'s media has expired');
    expect((region.querySelector('video') as HTMLVideoElement).hidden).toBe(true);
  });

  it('lists again while an archive is processed, and when one stops', async () => {
    vi.useFakeTimers();
    try {
      let status = 'STOPPED';
      const media = new FakeEmbeddedMedia();
      const { api, requests } = apiRouting({
        ...joinRoute({ ...joined, platform: 'embedded' }),
        'GET /api/v1/archives': () => json(200, { count: 1, items: [archive({ status })] }),
      });
      const lists = () => requests.filter((r) => new URL(r.url).pathname === '/api/v1/archives').length;
      const root = document.body.appendChild(document.createElement('main'));
      enterRoom(root, { api, room: 'standup', displayName: 'Ada', onLeave: () => {}, openMedia: async () => media });
      await vi.advanceTimersByTimeAsync(0);
      button(root, 'Archives').click();
      await vi.advanceTimersByTimeAsync(0);
      expect(lists()).toBe(1);

      status = 'AVAILABLE';
      await vi.advanceTimersByTimeAsync(2000);
      expect(lists()).toBe(2);
      expect(button(root, 'Play standup 1')).toBeDefined();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(lists()).toBe(2);

      media.events.emit('archiveStopped', { archiveId: 'a-1', name: 'standup 1' });
      await vi.advanceTimersByTimeAsync(0);
      expect(lists()).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
