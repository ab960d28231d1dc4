// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EmbeddedMediaSession, RECONNECT_GIVE_UP_MS, displayNameOf } from './index';
import type { SocketLike } from './signaling';
import { reconnectDelay } from './signaling';
import { MediaError, type MediaSessionEvents } from '../MediaSession';

type Sent = { type: string; id?: number; [field: string]: unknown };

/** A WebSocket the test drives: it opens, receives and drops when told to. */
class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: Sent[] = [];
  closedWith: number | undefined;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(readonly url: string) {}
  send(data: string) { this.sent.push(JSON.parse(data) as Sent); }
  close(code?: number) { this.closedWith = code; this.readyState = 3; }
  open() { this.readyState = 1; this.onopen?.(new Event('open')); }
  receive(message: Record<string, unknown>) { this.onmessage?.({ data: JSON.stringify(message) } as MessageEvent); }
  drop(code = 1006) { this.readyState = 3; this.onclose?.({ code, reason: '' } as CloseEvent); }
  last(type: string): Sent | undefined { return [...this.sent].reverse().find((m) => m.type === type); }
}

/** An RTCPeerConnection that records what the session does with it. */
class FakePeer {
  readonly transceivers: { track: unknown; direction?: string; sendEncodings?: { rid?: string }[] }[] = [];
  readonly added: unknown[] = [];
  local: RTCSessionDescriptionInit | undefined;
  remote: RTCSessionDescriptionInit | undefined;
  closed = false;
  onicecandidate: ((event: { candidate: unknown }) => void) | null = null;
  ontrack: ((event: unknown) => void) | null = null;
  stats = new Map<string, Record<string, unknown>>();
  constructor(readonly configuration: RTCConfiguration) {}
  addTransceiver(track: unknown, init: { direction?: string; sendEncodings?: { rid?: string }[] }) {
    this.transceivers.push({ track, direction: init.direction, sendEncodings: init.sendEncodings });
  }
  async createOffer() { return { type: 'offer', sdp: 'offer-sdp' }; }
  async createAnswer() { return { type: 'answer', sdp: 'answer-sdp' }; }
  async setLocalDescription(description: RTCSessionDescriptionInit) { this.local = description; }
  async setRemoteDescription(description: RTCSessionDescriptionInit) { this.remote = description; }
  async addIceCandidate(candidate: unknown) { this.added.push(candidate); }
  async getStats() { return this.stats; }
  close() { this.closed = true; }
}

function fakeTrack(kind: string) {
  return { kind, enabled: true, stopped: false, stop() { this.stopped = true; }, addEventListener: vi.fn() };
}

function fakeMedia() {
  const audio = fakeTrack('audio');
  const video = fakeTrack('video');
  // happy-dom's <video> accepts only MediaStream instances as srcObject.
  const media = Object.assign(Object.create(MediaStream.prototype) as MediaStream, {
    getTracks: () => [audio, video], getAudioTracks: () => [audio], getVideoTracks: () => [video],
  });
  return { media, audio, video };
}

const connected = (overrides: Record<string, unknown> = {}) => ({
  type: 'connected', connectionId: 'me-1', sessionId: 'session-1', role: 'PUBLISHER', mediaMode: 'RELAYED',
  iceServers: [{ urls: ['stun:stun.test'] }], connections: [], streams: [], archive: null, ...overrides,
});

function setup(signalingUrl?: string) {
  const sockets: FakeSocket[] = [];
  const peers: FakePeer[] = [];
  const camera = fakeMedia();
  const session = new EmbeddedMediaSession(
    { platform: 'embedded', applicationId: 'parley', sessionId: 'session-1', token: 'token-1',
      ...(signalingUrl ? { signalingUrl } : {}) },
    {
      url: 'ws://parley.test/rtc',
      createSocket: (url) => { const socket = new FakeSocket(url); sockets.push(socket); return socket; },
      createPeer: (configuration) => { const peer = new FakePeer(configuration); peers.push(peer); return peer as unknown as RTCPeerConnection; },
      getUserMedia: async () => camera.media,
      getDisplayMedia: async () => fakeMedia().media,
    },
  );
  const seen: { event: keyof MediaSessionEvents; payload: unknown }[] = [];
  for (const event of ['streamCreated', 'streamDestroyed', 'connectionCreated', 'disconnected', 'forceMuted', 'reconnecting',
    'reconnected', 'streamPropertyChanged', 'signal', 'activeSpeaker'] as const) {
    session.on(event, (payload) => seen.push({ event, payload }));
  }
  const socket = () => sockets[sockets.length - 1] as FakeSocket;
  return { session, sockets, peers, camera, seen, socket };
}

/** Connects the session over a fresh fake socket. */
async function connect(t: ReturnType<typeof setup>, message = connected()) {
  const connecting = t.session.connect();
  t.socket().open();
  t.socket().receive(message);
  await connecting;
  await vi.advanceTimersByTimeAsync(0);
}

/** Publishes the camera, answering the publish request with stream id `streamId`. */
async function publish(t: ReturnType<typeof setup>, streamId = 'mine-1') {
  const target = document.createElement('div');
  const publishing = t.session.publish(target, { name: 'Ada', audio: true, video: true });
  await vi.advanceTimersByTimeAsync(0);
  const request = t.socket().last('publish');
  t.socket().receive({ type: 'ok', id: request?.id, streamId });
  await publishing;
  return target;
}

const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe('EmbeddedMediaSession connecting', () => {
  it('sends the token in the first message and resolves on connected', async () => {
    const t = setup();
    await connect(t);
    expect(t.sockets[0]?.url).toBe('ws://parley.test/rtc');
    expect(t.sockets[0]?.sent[0]).toEqual({ type: 'connect', token: 'token-1' });
    expect(window.parleyDiagnostics?.connectionId()).toBe('me-1');
  });

  it('announces an archive that was running before it joined, and later archive events', async () => {
    const t = setup();
    const archives: string[] = [];
    t.session.on('archiveStarted', ({ archiveId, name }) => archives.push(`started ${archiveId} ${name}`));
    t.session.on('archiveStopped', ({ archiveId, name }) => archives.push(`stopped ${archiveId} ${name}`));
    await connect(t, connected({ archive: { archiveId: 'a-1', name: 'Standup' } }));
    expect(archives).toEqual(['started a-1 Standup']);

    t.socket().receive({ type: 'archiveStopped', archiveId: 'a-1', name: 'Standup' });
    t.socket().receive({ type: 'archiveStarted', archiveId: 'a-2', name: 'Retro' });
    expect(archives).toEqual(['started a-1 Standup', 'stopped a-1 Standup', 'started a-2 Retro']);
  });

  it('announces the streams that were there before, named from the stream or the connection data', async () => {
    const t = setup();
    await connect(t, connected({
      connections: [{ connectionId: 'c-2', data: '{"displayName":"Grace"}' }],
      streams: [
        { streamId: 's-2', connectionId: 'c-2', name: '', hasAudio: true, hasVideo: true, videoType: 'camera', audioMuted: true, videoMuted: false },
        { streamId: 's-3', connectionId: 'c-2', name: 'Grace', hasAudio: false, hasVideo: true, videoType: 'screen', audioMuted: false, videoMuted: false },
      ],
    }));
    const created = t.seen.filter((e) => e.event === 'streamCreated').map((e) => (e.payload as MediaSessionEvents['streamCreated']).stream);
    expect(created.map((s) => [s.streamId, s.name, s.videoType, s.audioMuted])).toEqual([
      ['s-2', 'Grace', 'camera', true],
      ['s-3', 'Grace', 'screen', false],
    ]);
  });

  it('rejects with a MediaError when the server refuses the token', async () => {
    const t = setup();
    const connecting = t.session.connect();
    t.socket().open();
    t.socket().drop(4001);
    await expect(connecting).rejects.toBeInstanceOf(MediaError);
    await flush();
    expect(t.sockets).toHaveLength(1);
  });

  it('does not retry a room that is full, and says so', async () => {
    const t = setup();
    const connecting = t.session.connect();
    t.socket().open();
    t.socket().drop(4005);
    await expect(connecting).rejects.toThrow(/full/);
    await flush();
    expect(t.sockets).toHaveLength(1);
  });
});

describe('EmbeddedMediaSession requests', () => {
  it('matches each ok to its request by id', async () => {
    const t = setup();
    await connect(t);
    const target = await publish(t, 'mine-1');
    expect(t.socket().last('publish')).toMatchObject({ name: 'Ada', hasAudio: true, hasVideo: true, videoType: 'camera' });
    expect(target.querySelector('video')?.muted).toBe(true);

    t.session.setAudioEnabled(false);
    expect(t.camera.audio.enabled).toBe(false);
    expect(t.socket().last('mute')).toEqual({ type: 'mute', streamId: 'mine-1', audioMuted: true });
  });

  it('turns an error into a MediaError with the server\'s reason and code', async () => {
    const t = setup();
    await connect(t, connected({ mediaMode: 'ROUTED', streams: [
      { streamId: 's-2', connectionId: 'c-2', name: 'Grace', hasAudio: true, hasVideo: true, videoType: 'camera' },
    ] }));
    const subscribing = t.session.subscribe(
      { streamId: 's-2', connectionId: 'c-2', name: 'Grace', hasAudio: true, hasVideo: true, videoType: 'camera', audioMuted: false, videoMuted: false },
      document.createElement('div'),
    );
    const request = t.socket().last('subscribe');
    t.socket().receive({ type: 'error', id: request?.id, code: 'conflict', reason: 'This session is routed' });
    await expect(subscribing).rejects.toMatchObject({ name: 'MediaError', message: 'This session is routed', code: 'conflict' });
  });

  it('disables the microphone when a moderator mutes it', async () => {
    const t = setup();
    await connect(t);
    await publish(t, 'mine-1');
    t.socket().receive({ type: 'forceMuted', streamId: 'mine-1' });
    expect(t.camera.audio.enabled).toBe(false);
    expect(t.socket().last('mute')).toEqual({ type: 'mute', streamId: 'mine-1', audioMuted: true });
    expect(t.seen.map((e) => e.event)).toContain('forceMuted');
  });

  it('passes the router\'s active speaker on, saying whether it is this client', async () => {
    const t = setup();
    await connect(t);
    await publish(t, 'mine-1');
    t.socket().receive({ type: 'activeSpeaker', streamId: 'mine-1', connectionId: 'c-1' });
    t.socket().receive({ type: 'activeSpeaker', streamId: 's-2', connectionId: 'c-2' });
    expect(t.seen.filter((e) => e.event === 'activeSpeaker').map((e) => e.payload)).toEqual([
      { streamId: 'mine-1', self: true }, { streamId: 's-2', self: false },
    ]);
  });
});

describe('EmbeddedMediaSession after a lost media link', () => {
  it('publishes again when the server ends its own stream, and others get a new one', async () => {
    const t = setup();
    await connect(t);
    await publish(t, 'mine-1');
    const before = t.socket().sent.filter((m) => m.type === 'publish').length;
    t.socket().receive({ type: 'streamDestroyed', streamId: 'mine-1', connectionId: 'c-1', reason: 'networkDisconnected' });
    await flush();
    const requests = t.socket().sent.filter((m) => m.type === 'publish');
    expect(requests.length).toBe(before + 1);
    expect(requests.at(-1)).toMatchObject({ name: 'Ada', videoType: 'camera' });
    expect(t.seen.map((e) => e.event)).not.toContain('streamDestroyed');
  });
});

describe('EmbeddedMediaSession links', () => {
  it('sends the camera to the router in simulcast encodings, and to a browser in one', async () => {
    for (const [mediaMode, rids] of [['ROUTED', ['q', 'f']], ['RELAYED', undefined]] as const) {
      const t = setup();
      await connect(t, connected({ mediaMode, simulcast: true }));
      await publish(t, 'mine-1');
      t.socket().receive({ type: 'linkCreated', linkId: 'l-1', streamId: 'mine-1', peerConnectionId: 'router', offerer: true });
      await flush();
      const peer = t.peers[t.peers.length - 1] as FakePeer;
      const video = peer.transceivers.find((x) => (x.track as { kind?: string }).kind === 'video');
      expect(video?.sendEncodings?.map((e) => e.rid), mediaMode).toEqual(rids);
      const audio = peer.transceivers.find((x) => (x.track as { kind?: string }).kind === 'audio');
      expect(audio?.sendEncodings).toBeUndefined();
      t.session.disconnect?.();
    }
  });

  it('offers on a link to its own stream, and queues candidates until the answer', async () => {
    const t = setup();
    await connect(t);
    await publish(t, 'mine-1');

    t.socket().receive({ type: 'linkCreated', linkId: 'l-1', streamId: 'mine-1', peerConnectionId: 'c-2', offerer: true });
    await flush();
    const peer = t.peers[0] as FakePeer;
    expect(peer.configuration.iceServers).toEqual([{ urls: ['stun:stun.test'] }]);
    expect(peer.transceivers.map((x) => x.direction)).toEqual(['sendonly', 'sendonly']);
    expect(t.socket().last('offer')).toEqual({ type: 'offer', linkId: 'l-1', sdp: 'offer-sdp' });

    peer.onicecandidate?.({ candidate: { candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0 } });
    expect(t.socket().last('candidate')).toEqual({
      type: 'candidate', linkId: 'l-1', candidate: { candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0 },
    });

    t.socket().receive({ type: 'candidate', linkId: 'l-1', from: 'c-2', candidate: { candidate: 'candidate:2', sdpMid: '0', sdpMLineIndex: 0 } });
    await flush();
    expect(peer.added).toEqual([]);
    t.socket().receive({ type: 'answer', linkId: 'l-1', from: 'c-2', sdp: 'answer-sdp' });
    await flush();
    expect(peer.remote).toEqual({ type: 'answer', sdp: 'answer-sdp' });
    expect(peer.added).toEqual([{ candidate: 'candidate:2', sdpMid: '0', sdpMLineIndex: 0 }]);

    t.socket().receive({ type: 'linkClosed', linkId: 'l-1', reason: 'unsubscribed' });
    expect(peer.closed).toBe(true);
  });

  it('answers an offer for a stream it subscribed to, and shows the media', async () => {
    const t = setup();
    const stream = { streamId: 's-2', connectionId: 'c-2', name: 'Grace', hasAudio: true, hasVideo: true, videoType: 'camera' as const, audioMuted: false, videoMuted: false };
    await connect(t, connected({ streams: [stream] }));
    const target = document.createElement('div');
    const subscribing = t.session.subscribe(stream, target);
    const request = t.socket().last('subscribe');
    t.socket().receive({ type: 'linkCreated', linkId: 'l-2', streamId: 's-2', peerConnectionId: 'c-2', offerer: false });
    t.socket().receive({ type: 'ok', id: request?.id, linkId: 'l-2' });
    await subscribing;

    t.socket().receive({ type: 'candidate', linkId: 'l-2', from: 'c-2', candidate: { candidate: 'candidate:9', sdpMid: '0', sdpMLineIndex: 0 } });
    t.socket().receive({ type: 'offer', linkId: 'l-2', from: 'c-2', sdp: 'offer-sdp' });
    await flush();
    const peer = t.peers[0] as FakePeer;
    expect(peer.remote).toEqual({ type: 'offer', sdp: 'offer-sdp' });
    expect(peer.added).toHaveLength(1);
    expect(t.socket().last('answer')).toEqual({ type: 'answer', linkId: 'l-2', sdp: 'answer-sdp' });

    const remoteMedia = Object.create(MediaStream.prototype) as MediaStream;
    peer.ontrack?.({ streams: [remoteMedia], track: {} });
    const video = target.querySelector('video') as HTMLVideoElement;
    expect(video.srcObject).toBe(remoteMedia);
    expect(video.muted).toBe(false);

    peer.stats.set('in', { type: 'inbound-rtp', kind: 'video', framesDecoded: 42, bytesReceived: 9000, headerBytesReceived: 600,
      frameWidth: 640, frameHeight: 480 });
    expect(await window.parleyDiagnostics?.inboundVideo()).toEqual([
      { streamId: 's-2', name: 'Grace', videoType: 'camera', framesDecoded: 42, bytesReceived: 9600, frameWidth: 640, frameHeight: 480, firstFrameDelayMs: -1,
        transport: '', senderReports: { audio: 0, video: 0 }, packetsLost: 0, retransmittedPacketsReceived: 0,
        freezeCount: 0, totalFreezesDuration: 0 },
    ]);

    t.socket().receive({ type: 'streamDestroyed', streamId: 's-2', connectionId: 'c-2', reason: 'clientDisconnected' });
    expect(peer.closed).toBe(true);
    expect(target.querySelector('video')).toBeNull();
  });
});

describe('EmbeddedMediaSession reconnecting', () => {
  it('waits 0.5 s, 1 s, 2 s … at most 5 s between attempts', () => {
    expect([0, 1, 2, 3, 4, 10].map(reconnectDelay)).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
  });

  it('reconnects after an unexpected close, forgets the old streams and publishes again', async () => {
    const t = setup();
    await connect(t, connected({ streams: [{ streamId: 's-2', connectionId: 'c-2', name: 'Grace', videoType: 'camera' }] }));
    await publish(t, 'mine-1');

    t.socket().drop(1006);
    expect(t.seen.filter((e) => e.event === 'streamDestroyed')).toHaveLength(1);
    expect(t.seen.map((e) => e.event)).toContain('reconnecting');
    await vi.advanceTimersByTimeAsync(499);
    expect(t.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.sockets).toHaveLength(2);

    t.socket().open();
    expect(t.socket().sent[0]).toEqual({ type: 'connect', token: 'token-1' });
    t.socket().receive(connected({
      connectionId: 'me-2',
      // The server may still list the old connection's stream; it is not someone else's.
      streams: [
        { streamId: 'mine-1', connectionId: 'me-1', name: 'Ada', videoType: 'camera' },
        { streamId: 's-2', connectionId: 'c-2', name: 'Grace', videoType: 'camera' },
      ],
    }));
    await flush();
    expect(t.socket().last('publish')).toMatchObject({ type: 'publish', name: 'Ada', videoType: 'camera' });
    const created = t.seen.filter((e) => e.event === 'streamCreated').map((e) => (e.payload as MediaSessionEvents['streamCreated']).stream.streamId);
    expect(created).toEqual(['s-2', 's-2']);
    expect(t.seen.map((e) => e.event)).toContain('reconnected');
    expect(window.parleyDiagnostics?.connectionId()).toBe('me-2');
    expect(t.camera.video.stopped).toBe(false);
  });

  it('backs off while the server cannot be reached, and gives up after about 30 s', async () => {
    const t = setup();
    await connect(t);
    t.socket().drop(1006);
    const attemptsAt: number[] = [];
    const start = Date.now();
    // Every attempt fails at once; watch when they happen, in 100 ms steps.
    while (!t.seen.some((e) => e.event === 'disconnected') && Date.now() - start < RECONNECT_GIVE_UP_MS + 10_000) {
      const before = t.sockets.length;
      await vi.advanceTimersByTimeAsync(100);
      if (t.sockets.length > before) {
        attemptsAt.push(Date.now() - start);
        t.socket().drop(1006);
      }
    }
    expect(attemptsAt.slice(0, 4)).toEqual([500, 1500, 3500, 7500]);
    expect(attemptsAt[attemptsAt.length - 1]).toBeLessThanOrEqual(RECONNECT_GIVE_UP_MS);
    expect(t.seen.find((e) => e.event === 'disconnected')?.payload).toEqual({ reason: 'networkDisconnected' });
  });

  it('does not reconnect after a moderator removed it', async () => {
    const t = setup();
    await connect(t);
    await publish(t);
    t.socket().drop(4003);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.sockets).toHaveLength(1);
    expect(t.seen.find((e) => e.event === 'disconnected')?.payload).toEqual({ reason: 'forceDisconnected' });
    expect(t.camera.video.stopped).toBe(true);
  });

  it('does not reconnect after disconnect()', async () => {
    const t = setup();
    await connect(t);
    await t.session.disconnect();
    t.socket().drop(1006);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.sockets).toHaveLength(1);
  });
});

describe('displayNameOf', () => {
  it('reads Parley\'s connection data and ignores anything else', () => {
    expect(displayNameOf('{"displayName":"Grace"}')).toBe('Grace');
    expect(displayNameOf('not json')).toBeUndefined();
    expect(displayNameOf(undefined)).toBeUndefined();
  });
});

describe('EmbeddedMediaSession on several media nodes', () => {
  it('follows a redirect to the node that carries the session', async () => {
    const t = setup();
    const connecting = t.session.connect();
    t.socket().open();
    t.socket().receive({ type: 'redirect', url: 'ws://node-b.test/rtc' });
    t.socket().drop(4010);
    await flush();
    expect(t.sockets).toHaveLength(2);
    expect(t.socket().url).toBe('ws://node-b.test/rtc');
    t.socket().open();
    expect(t.socket().sent[0]).toEqual({ type: 'connect', token: 'token-1' });
    t.socket().receive(connected());
    await connecting;
  });

  it('connects to the node the join named, and through the page if that node is gone', async () => {
    const t = setup('ws://node-a.test/rtc');
    const connecting = t.session.connect();
    expect(t.socket().url).toBe('ws://node-a.test/rtc');
    t.socket().drop(1006);
    await flush();
    expect(t.sockets).toHaveLength(2);
    expect(t.socket().url).toBe('ws://parley.test/rtc');
    t.socket().open();
    t.socket().receive(connected());
    await connecting;
  });

  it('when its node dies, reconnects through the page and then the other live nodes', async () => {
    const t = setup();
    await connect(t);
    t.socket().receive({ type: 'nodes', urls: ['ws://node-a.test/rtc', 'ws://node-b.test/rtc'] });
    t.socket().drop(1006);
    await vi.advanceTimersByTimeAsync(reconnectDelay(0));
    // the first try is the same address (a dropped network, not a dead node, is the common case)
    expect(t.socket().url).toBe('ws://parley.test/rtc');
    t.socket().drop(1006);
    await vi.advanceTimersByTimeAsync(reconnectDelay(1));
    expect(t.socket().url).toBe('ws://node-a.test/rtc');
    t.socket().drop(1006);
    await vi.advanceTimersByTimeAsync(reconnectDelay(2));
    expect(t.socket().url).toBe('ws://node-b.test/rtc');
    t.socket().open();
    t.socket().receive(connected({ connectionId: 'me-2' }));
    await flush();
    expect(t.seen.map((e) => e.event)).toContain('reconnected');
  });

  it('a node that is leaving sends everyone home to be placed again', async () => {
    const t = setup();
    await connect(t);
    t.socket().receive({ type: 'nodes', urls: ['ws://node-a.test/rtc'] });
    t.socket().receive({ type: 'redirect' });
    t.socket().drop(4010);
    await vi.advanceTimersByTimeAsync(reconnectDelay(0));
    expect(t.socket().url).toBe('ws://parley.test/rtc');
    expect(t.seen.map((e) => e.event)).toContain('reconnecting');
  });
});
