/**
 * MediaSession on Parley's embedded platform: signaling over Parley's own WebSocket (/rtc, see the README's
 * "Signaling protocol"), media over browser-to-browser peer connections in relayed sessions. Routed sessions need a
 * media router the server does not run yet; the server refuses their subscriptions and the refusal reaches the room
 * as a MediaError.
 */
import {
  Emitter, MediaError,
  type MediaSession, type MediaSessionEvents, type PublishOptions, type RemoteStream, type SessionCredentials,
  type StreamProperty, type VideoType,
} from './MediaSession';
import { inboundVideoOf, installDiagnostics, outboundVideoOf, type InboundVideo, type OutboundVideo } from './embedded/diagnostics';
import { PeerLink, type PeerFactory } from './embedded/peer';
import {
  CLOSE_FORCE_DISCONNECTED, CLOSE_SESSION_NOT_FOUND, CLOSE_TOKEN_REFUSED, closeMessage, isFinalClose, reconnectDelay,
  SignalingChannel, signalingUrl, type ServerMessage, type SocketFactory,
} from './embedded/signaling';

/** Reconnecting stops this long after the connection dropped; the room then says the network is gone. */
export const RECONNECT_GIVE_UP_MS = 30_000;
/** A socket that neither opens nor closes (a silent network) counts as a failed attempt after this long. */
const CONNECT_TIMEOUT_MS = 10_000;

/** The seams tests replace; the browser's own APIs by default. */
export type EmbeddedDependencies = {
  url?: string;
  createSocket?: SocketFactory;
  createPeer?: PeerFactory;
  getUserMedia?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  getDisplayMedia?: (options: DisplayMediaStreamOptions) => Promise<MediaStream>;
};

/** Something this client publishes: its camera and microphone, or its screen. */
type Publication = {
  videoType: VideoType;
  name: string;
  media: MediaStream;
  preview: HTMLVideoElement;
  /** Set once the server has accepted the stream; a new one after each reconnect. */
  streamId?: string;
  audioMuted: boolean;
  videoMuted: boolean;
};

/** A remote stream this client receives, and where it shows it. */
/** `subscribedAt`/`firstFrameAt` (performance.now()) let the diagnostics tell how long the first frame took. */
type Subscription = {
  streamId: string;
  video: HTMLVideoElement;
  linkId?: string;
  subscribedAt: number;
  firstFrameAt?: number;
};

/** The socket closed before `connected`. */
class ClosedError extends MediaError {
  constructor(readonly closeCode: number) {
    super(closeMessage(closeCode), `closed-${closeCode}`);
  }
}

type State = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

export class EmbeddedMediaSession implements MediaSession {
  readonly platform = 'embedded' as const;
  /** The role and media mode from `connected`. */
  role: string | undefined;
  mediaMode: string | undefined;

  private readonly events = new Emitter<MediaSessionEvents>();
  private readonly url: string;
  private readonly createSocket: SocketFactory;
  private readonly createPeer: PeerFactory;
  private readonly getUserMedia: NonNullable<EmbeddedDependencies['getUserMedia']>;
  private readonly getDisplayMedia: NonNullable<EmbeddedDependencies['getDisplayMedia']>;

  private state: State = 'idle';
  private channel: SignalingChannel | undefined;
  private ownConnectionId: string | undefined;
  /** Every connection id this client has had: after a reconnect the server may still list the old one for a while. */
  private readonly ownConnectionIds = new Set<string>();
  private iceServers: RTCIceServer[] = [];
  /** Other connections' data (`{"displayName":...}`), by connection id. */
  private readonly connections = new Map<string, string>();
  private readonly remotes = new Map<string, RemoteStream>();
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly links = new Map<string, PeerLink>();
  private camera: Publication | undefined;
  private screen: Publication | undefined;
  /** `linkCreated` for a stream of ours whose `ok` has not arrived yet (the server may send them in either order). */
  private readonly earlyLinks: ServerMessage[] = [];
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private reconnectSince = 0;

  constructor(private readonly credentials: SessionCredentials, dependencies: EmbeddedDependencies = {}) {
    this.url = dependencies.url ?? signalingUrl(location);
    this.createSocket = dependencies.createSocket ?? ((url) => new WebSocket(url));
    this.createPeer = dependencies.createPeer ?? ((configuration) => new RTCPeerConnection(configuration));
    this.getUserMedia = dependencies.getUserMedia ?? ((constraints) => navigator.mediaDevices.getUserMedia(constraints));
    this.getDisplayMedia = dependencies.getDisplayMedia ?? ((options) => navigator.mediaDevices.getDisplayMedia(options));
    installDiagnostics({
      inboundVideo: () => this.inboundVideo(),
      outboundVideo: () => this.outboundVideo(),
      connectionId: () => this.ownConnectionId,
    });
  }

  on<K extends keyof MediaSessionEvents>(event: K, listener: (payload: MediaSessionEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  async connect(): Promise<void> {
    if (this.state !== 'idle') {
      throw new MediaError('This media session has already been connected.');
    }
    this.state = 'connecting';
    let connected: ServerMessage;
    try {
      connected = await this.open();
    } catch (e) {
      this.state = 'closed';
      throw e;
    }
    if (this.state !== 'connecting') {
      this.channel?.close();
      return;
    }
    this.state = 'connected';
    this.adopt(connected);
    // Existing connections and streams are announced once connect() has resolved, as for ones that come later.
    setTimeout(() => this.announce(connected), 0);
  }

  async publish(target: HTMLElement, options: PublishOptions): Promise<void> {
    if (this.camera) {
      throw new MediaError('The camera is already published.');
    }
    const media = await this.getUserMedia({
      audio: options.audio,
      video: options.video ? { width: 640, height: 480 } : false,
    });
    const publication = this.startPublication('camera', options.name, media, target);
    this.camera = publication;
    try {
      await this.announcePublication(publication);
    } catch (e) {
      this.camera = undefined;
      this.endPublication(publication);
      throw e;
    }
  }

  unpublish(): void {
    if (this.camera) {
      this.endPublication(this.camera);
      this.camera = undefined;
    }
  }

  async shareScreen(target: HTMLElement, options: { name?: string } = {}): Promise<void> {
    if (this.screen) {
      throw new MediaError('The screen is already shared.');
    }
    const media = await this.getDisplayMedia({ video: true, audio: false });
    const name = options.name ?? this.camera?.name ?? '';
    const publication = this.startPublication('screen', name, media, target);
    this.screen = publication;
    // The browser's own "Stop sharing" ends the track; the share ends with it.
    for (const track of media.getVideoTracks()) {
      track.addEventListener('ended', () => {
        if (this.screen === publication) {
          this.stopScreenShare();
        }
      });
    }
    try {
      await this.announcePublication(publication);
    } catch (e) {
      this.screen = undefined;
      this.endPublication(publication);
      throw e;
    }
  }

  stopScreenShare(): void {
    if (this.screen) {
      this.endPublication(this.screen);
      this.screen = undefined;
      this.events.emit('screenShareStopped', {});
    }
  }

  async subscribe(stream: RemoteStream, target: HTMLElement): Promise<void> {
    if (this.subscriptions.has(stream.streamId)) {
      return;
    }
    if (!this.remotes.has(stream.streamId)) {
      throw new MediaError(`The stream of ${stream.name} has already ended.`);
    }
    // Not muted: the remote audio plays from this element too.
    const video = document.createElement('video');
    video.autoplay = true;
    video.playsInline = true;
    video.setAttribute('playsinline', '');
    target.append(video);
    const subscription: Subscription = { streamId: stream.streamId, video, subscribedAt: performance.now() };
    this.subscriptions.set(stream.streamId, subscription);
    try {
      const ok = await this.request({ type: 'subscribe', streamId: stream.streamId });
      subscription.linkId = String(ok.linkId);
    } catch (e) {
      if (this.subscriptions.get(stream.streamId) === subscription) {
        this.subscriptions.delete(stream.streamId);
      }
      video.remove();
      throw e;
    }
  }

  unsubscribe(streamId: string): void {
    const subscription = this.subscriptions.get(streamId);
    if (!subscription) {
      return;
    }
    if (subscription.linkId) {
      this.request({ type: 'unsubscribe', linkId: subscription.linkId }).catch(() => {});
    }
    this.dropSubscription(subscription);
  }

  setAudioEnabled(enabled: boolean): void {
    this.setMuted('audioMuted', !enabled);
  }

  setVideoEnabled(enabled: boolean): void {
    this.setMuted('videoMuted', !enabled);
  }

  async forceMute(streamId: string): Promise<void> {
    await this.request({ type: 'forceMute', streamId });
  }

  async forceDisconnect(connectionId: string): Promise<void> {
    await this.request({ type: 'forceDisconnect', connectionId });
  }

  async signal(signalType: string, data: string, to?: string): Promise<void> {
    await this.request({ type: 'signal', signalType, data, ...(to ? { to } : {}) });
  }

  async disconnect(): Promise<void> {
    const wasOpen = this.state !== 'closed';
    this.state = 'closed';
    clearTimeout(this.reconnectTimer);
    this.tearDown('clientDisconnected');
    if (wasOpen) {
      this.events.emit('disconnected', { reason: 'clientDisconnected' });
    }
    this.events.clear();
  }

  // --- the socket ---

  /** Opens a channel and waits for `connected`; later events go to `handle`, a later close to `lost`. */
  private open(): Promise<ServerMessage> {
    return new Promise((resolve, reject) => {
      const channel = new SignalingChannel(this.url, this.createSocket, this.credentials.token);
      this.channel = channel;
      let connected = false;
      const timeout = setTimeout(() => channel.close(1000, 'connect timeout'), CONNECT_TIMEOUT_MS);
      channel.onEvent = (message) => {
        if (!connected && message.type === 'connected') {
          connected = true;
          clearTimeout(timeout);
          resolve(message);
        } else if (connected) {
          this.handle(message);
        }
      };
      channel.onClose = (code) => {
        clearTimeout(timeout);
        if (!connected) {
          reject(new ClosedError(code));
        } else if (this.channel === channel) {
          this.lost(code);
        }
      };
    });
  }

  private request(message: Record<string, unknown>): Promise<ServerMessage> {
    if (!this.channel || this.state !== 'connected') {
      return Promise.reject(new MediaError('Not connected to the room.', 'disconnected'));
    }
    return this.channel.request(message);
  }

  private send(message: Record<string, unknown>): void {
    this.channel?.send(message);
  }

  /** Takes this connection's identity and the session's settings from `connected`. */
  private adopt(connected: ServerMessage): void {
    this.ownConnectionId = String(connected.connectionId);
    this.ownConnectionIds.add(this.ownConnectionId);
    this.role = typeof connected.role === 'string' ? connected.role : undefined;
    this.mediaMode = typeof connected.mediaMode === 'string' ? connected.mediaMode : undefined;
    this.iceServers = Array.isArray(connected.iceServers) ? (connected.iceServers as RTCIceServer[]) : [];
  }

  /** Announces the connections, streams and archive that `connected` listed. */
  private announce(connected: ServerMessage): void {
    if (this.state !== 'connected') {
      return;
    }
    for (const connection of list(connected.connections)) {
      this.connectionCreated(connection);
    }
    for (const stream of list(connected.streams)) {
      this.streamCreated(stream);
    }
    const archive = connected.archive as { archiveId?: string; name?: string } | null | undefined;
    if (archive?.archiveId) {
      this.events.emit('archiveStarted', { archiveId: archive.archiveId, name: archive.name ?? '' });
    }
  }

  private handle(message: ServerMessage): void {
    switch (message.type) {
      case 'connectionCreated':
        this.connectionCreated(message.connection as Record<string, unknown>);
        break;
      case 'connectionDestroyed': {
        const connection = message.connection as Record<string, unknown> | undefined;
        const connectionId = String(connection?.connectionId);
        if (this.connections.delete(connectionId)) {
          this.events.emit('connectionDestroyed', { connectionId, reason: String(message.reason ?? '') });
        }
        break;
      }
      case 'streamCreated':
        this.streamCreated(message.stream as Record<string, unknown>);
        break;
      case 'streamDestroyed':
        this.streamDestroyed(String(message.streamId), String(message.reason ?? ''));
        break;
      case 'streamPropertyChanged':
        this.propertyChanged(String(message.streamId), message.property, message.value);
        break;
      case 'linkCreated':
        this.linkCreated(message);
        break;
      case 'linkClosed':
        this.linkClosed(String(message.linkId));
        break;
      case 'offer':
        this.onLink(message, (link) => link.answer(String(message.sdp)));
        break;
      case 'answer':
        this.onLink(message, (link) => link.accept(String(message.sdp)));
        break;
      case 'candidate':
        this.onLink(message, (link) => link.addCandidate((message.candidate ?? null) as RTCIceCandidateInit | null));
        break;
      case 'forceMuted':
        this.forceMuted(String(message.streamId));
        break;
      case 'signal':
        this.events.emit('signal', {
          signalType: String(message.signalType), data: String(message.data ?? ''), from: String(message.from ?? ''),
        });
        break;
      case 'archiveStarted':
      case 'archiveStopped':
        this.events.emit(message.type, { archiveId: String(message.archiveId), name: String(message.name ?? '') });
        break;
      default:
        // `pong` and anything newer than this client.
        break;
    }
  }

  // --- connections and remote streams ---

  private connectionCreated(connection: Record<string, unknown> | undefined): void {
    const connectionId = String(connection?.connectionId);
    if (!connection || this.ownConnectionIds.has(connectionId)) {
      return;
    }
    this.connections.set(connectionId, typeof connection.data === 'string' ? connection.data : '');
    this.events.emit('connectionCreated', { connectionId });
  }

  private streamCreated(raw: Record<string, unknown> | undefined): void {
    if (!raw || this.ownConnectionIds.has(String(raw.connectionId)) || this.remotes.has(String(raw.streamId))) {
      return;
    }
    const connectionId = String(raw.connectionId);
    const stream: RemoteStream = {
      streamId: String(raw.streamId),
      connectionId,
      name: (typeof raw.name === 'string' && raw.name) || displayNameOf(this.connections.get(connectionId)) || 'Guest',
      hasAudio: raw.hasAudio !== false,
      hasVideo: raw.hasVideo !== false,
      videoType: raw.videoType === 'screen' ? 'screen' : 'camera',
      audioMuted: raw.audioMuted === true,
      videoMuted: raw.videoMuted === true,
    };
    this.remotes.set(stream.streamId, stream);
    this.events.emit('streamCreated', { stream });
  }

  private streamDestroyed(streamId: string, reason: string): void {
    const subscription = this.subscriptions.get(streamId);
    if (subscription) {
      this.dropSubscription(subscription);
    }
    const stream = this.remotes.get(streamId);
    if (stream) {
      this.remotes.delete(streamId);
      this.events.emit('streamDestroyed', { stream, reason });
    }
  }

  private propertyChanged(streamId: string, property: unknown, value: unknown): void {
    const stream = this.remotes.get(streamId);
    if (!stream || (property !== 'audioMuted' && property !== 'videoMuted') || typeof value !== 'boolean') {
      return;
    }
    stream[property] = value;
    this.events.emit('streamPropertyChanged', { streamId, property, value });
  }

  private dropSubscription(subscription: Subscription): void {
    this.subscriptions.delete(subscription.streamId);
    for (const link of [...this.links.values()]) {
      if (link.streamId === subscription.streamId && !this.isOwnStream(link.streamId)) {
        this.closeLink(link);
      }
    }
    subscription.video.srcObject = null;
    subscription.video.remove();
  }

  // --- links ---

  private linkCreated(message: ServerMessage): void {
    const linkId = String(message.linkId);
    const streamId = String(message.streamId);
    if (this.links.has(linkId)) {
      return;
    }
    if (message.offerer === true) {
      const publication = this.publicationOf(streamId);
      if (!publication) {
        this.earlyLinks.push(message);
        return;
      }
      const link = this.newLink(linkId, streamId);
      link.offer(publication.media).catch((e: unknown) => this.linkFailed(link, e));
      return;
    }
    const subscription = this.subscriptions.get(streamId);
    if (!subscription) {
      return;
    }
    subscription.linkId = linkId;
    const link = this.newLink(linkId, streamId);
    link.onRemoteStream = (media) => {
      subscription.video.srcObject = media;
      watchFirstFrame(subscription);
      // autoplay covers most cases; an explicit play() helps where the element was attached before it had media.
      subscription.video.play?.()?.catch(() => {});
    };
  }

  private newLink(linkId: string, streamId: string): PeerLink {
    const link = new PeerLink({
      linkId, streamId, iceServers: this.iceServers, createPeer: this.createPeer, send: (m) => this.send(m),
    });
    this.links.set(linkId, link);
    return link;
  }

  private onLink(message: ServerMessage, act: (link: PeerLink) => Promise<void>): void {
    const link = this.links.get(String(message.linkId));
    if (link) {
      act(link).catch((e: unknown) => this.linkFailed(link, e));
    }
  }

  private linkClosed(linkId: string): void {
    const link = this.links.get(linkId);
    if (!link) {
      return;
    }
    this.closeLink(link);
    const subscription = this.subscriptions.get(link.streamId);
    if (subscription?.linkId === linkId) {
      this.dropSubscription(subscription);
    }
  }

  private closeLink(link: PeerLink): void {
    link.close();
    this.links.delete(link.linkId);
  }

  /** A negotiation step failed: that link cannot carry media; the rest of the session goes on. */
  private linkFailed(link: PeerLink, error: unknown): void {
    console.warn(`Parley: link ${link.linkId} of stream ${link.streamId} failed`, error);
    this.closeLink(link);
  }

  // --- own streams ---

  private startPublication(videoType: VideoType, name: string, media: MediaStream, target: HTMLElement): Publication {
    const preview = document.createElement('video');
    preview.muted = true;
    preview.autoplay = true;
    preview.playsInline = true;
    preview.setAttribute('muted', '');
    preview.setAttribute('playsinline', '');
    preview.srcObject = media;
    target.append(preview);
    return { videoType, name, media, preview, audioMuted: false, videoMuted: false };
  }

  /** Tells the server about a publication (again, after a reconnect) and answers links that came before the `ok`. */
  private async announcePublication(publication: Publication): Promise<void> {
    const ok = await this.request({
      type: 'publish',
      name: publication.name,
      hasAudio: publication.media.getAudioTracks().length > 0,
      hasVideo: publication.media.getVideoTracks().length > 0,
      videoType: publication.videoType,
    });
    publication.streamId = String(ok.streamId);
    if (publication.audioMuted || publication.videoMuted) {
      this.send({
        type: 'mute', streamId: publication.streamId, audioMuted: publication.audioMuted, videoMuted: publication.videoMuted,
      });
    }
    for (const early of this.earlyLinks.splice(0)) {
      this.linkCreated(early);
    }
  }

  private endPublication(publication: Publication): void {
    publication.media.getTracks().forEach((track) => track.stop());
    publication.preview.srcObject = null;
    publication.preview.remove();
    const streamId = publication.streamId;
    publication.streamId = undefined;
    if (!streamId) {
      return;
    }
    for (const link of [...this.links.values()]) {
      if (link.streamId === streamId) {
        this.closeLink(link);
      }
    }
    if (this.state === 'connected') {
      this.request({ type: 'unpublish', streamId }).catch(() => {});
    }
  }

  private publicationOf(streamId: string): Publication | undefined {
    return [this.camera, this.screen].find((p) => p?.streamId === streamId);
  }

  private isOwnStream(streamId: string): boolean {
    return this.publicationOf(streamId) !== undefined;
  }

  private setMuted(property: StreamProperty, muted: boolean): void {
    const camera = this.camera;
    if (!camera) {
      return;
    }
    camera[property] = muted;
    const tracks = property === 'audioMuted' ? camera.media.getAudioTracks() : camera.media.getVideoTracks();
    tracks.forEach((track) => {
      track.enabled = !muted;
    });
    if (camera.streamId) {
      this.send({ type: 'mute', streamId: camera.streamId, [property]: muted });
    }
  }

  private forceMuted(streamId: string): void {
    if (this.camera?.streamId !== streamId) {
      return;
    }
    this.setMuted('audioMuted', true);
    this.events.emit('forceMuted', { streamId });
  }

  // --- losing and regaining the connection ---

  private lost(code: number): void {
    if (this.state !== 'connected') {
      return;
    }
    if (isFinalClose(code)) {
      this.end(endReason(code));
      return;
    }
    this.state = 'reconnecting';
    this.forgetSession('networkDisconnected');
    this.events.emit('reconnecting', {});
    this.reconnectSince = Date.now();
    this.scheduleReconnect(0);
  }

  private scheduleReconnect(attempt: number): void {
    const delay = reconnectDelay(attempt);
    if (Date.now() + delay - this.reconnectSince > RECONNECT_GIVE_UP_MS) {
      this.end('networkDisconnected');
      return;
    }
    this.reconnectTimer = setTimeout(() => void this.reconnect(attempt), delay);
  }

  private async reconnect(attempt: number): Promise<void> {
    if (this.state !== 'reconnecting') {
      return;
    }
    let connected: ServerMessage;
    try {
      connected = await this.open();
    } catch (e) {
      if (this.state !== 'reconnecting') {
        return;
      }
      if (e instanceof ClosedError && isFinalClose(e.closeCode)) {
        this.end(endReason(e.closeCode));
      } else {
        this.scheduleReconnect(attempt + 1);
      }
      return;
    }
    if (this.state !== 'reconnecting') {
      this.channel?.close();
      return;
    }
    this.state = 'connected';
    this.adopt(connected);
    // The new connection publishes the same tracks again; others see new streams.
    for (const publication of [this.camera, this.screen]) {
      if (publication) {
        this.announcePublication(publication).catch((e: unknown) => {
          console.warn('Parley: could not publish again after reconnecting', e);
        });
      }
    }
    this.events.emit('reconnected', {});
    this.announce(connected);
  }

  /** Forgets everything the lost connection had: links, remote streams (the room removes their tiles), connections. */
  private forgetSession(reason: string): void {
    for (const link of [...this.links.values()]) {
      this.closeLink(link);
    }
    this.earlyLinks.length = 0;
    for (const publication of [this.camera, this.screen]) {
      if (publication) {
        publication.streamId = undefined;
      }
    }
    for (const streamId of [...this.remotes.keys()]) {
      this.streamDestroyed(streamId, reason);
    }
    for (const connectionId of [...this.connections.keys()]) {
      this.connections.delete(connectionId);
      this.events.emit('connectionDestroyed', { connectionId, reason });
    }
  }

  /** The session is over for good (removed, token refused, network gone). */
  private end(reason: string): void {
    this.state = 'closed';
    clearTimeout(this.reconnectTimer);
    this.tearDown(reason);
    this.events.emit('disconnected', { reason });
  }

  private tearDown(reason: string): void {
    const channel = this.channel;
    this.channel = undefined;
    this.forgetSession(reason);
    for (const subscription of [...this.subscriptions.values()]) {
      this.dropSubscription(subscription);
    }
    this.stopScreenShare();
    this.unpublish();
    channel?.close();
    this.ownConnectionId = undefined;
  }

  // --- diagnostics ---

  private async inboundVideo(): Promise<InboundVideo[]> {
    const result: InboundVideo[] = [];
    for (const link of [...this.links.values()]) {
      const stream = this.remotes.get(link.streamId);
      if (!stream || this.isOwnStream(link.streamId)) {
        continue;
      }
      const video = inboundVideoOf(await link.getStats());
      const subscription = this.subscriptions.get(link.streamId);
      const firstFrameDelayMs = subscription?.firstFrameAt === undefined
        ? -1 : subscription.firstFrameAt - subscription.subscribedAt;
      result.push({ streamId: stream.streamId, name: stream.name, videoType: stream.videoType, ...video,
        firstFrameDelayMs });
    }
    return result;
  }

  private async outboundVideo(): Promise<OutboundVideo[]> {
    const result: OutboundVideo[] = [];
    for (const publication of [this.camera, this.screen]) {
      if (!publication?.streamId) {
        continue;
      }
      const total = { framesEncoded: 0, bytesSent: 0, targetBitrate: 0 };
      for (const link of [...this.links.values()].filter((l) => l.streamId === publication.streamId)) {
        const sent = outboundVideoOf(await link.getStats());
        total.framesEncoded += sent.framesEncoded;
        total.bytesSent += sent.bytesSent;
        total.targetBitrate += sent.targetBitrate;
      }
      result.push({ streamId: publication.streamId, videoType: publication.videoType, ...total });
    }
    return result;
  }
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
}

function endReason(code: number): string {
  switch (code) {
    case CLOSE_FORCE_DISCONNECTED:
      return 'forceDisconnected';
    case CLOSE_TOKEN_REFUSED:
      return 'tokenRefused';
    case CLOSE_SESSION_NOT_FOUND:
      return 'sessionNotFound';
    default:
      return 'networkDisconnected';
  }
}

/** The display name in a connection's data (`{"displayName":"Ada"}`, as Parley's join writes it), if there is one. */
export function displayNameOf(data: string | undefined): string | undefined {
  if (!data) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(data);
    if (typeof parsed === 'object' && parsed !== null && 'displayName' in parsed) {
      const name = (parsed as { displayName: unknown }).displayName;
      return typeof name === 'string' && name.trim() ? name.trim() : undefined;
    }
  } catch {
    // Data set by other tools need not be JSON.
  }
  return undefined;
}

/** Notes when the first remote frame is shown: the time a subscriber waits for a picture. */
function watchFirstFrame(subscription: Subscription): void {
  const seen = () => {
    subscription.firstFrameAt ??= performance.now();
  };
  const video = subscription.video as HTMLVideoElement & { requestVideoFrameCallback?: (cb: () => void) => number };
  if (typeof video.requestVideoFrameCallback === 'function') {
    video.requestVideoFrameCallback(seen);
  } else {
    video.addEventListener('loadeddata', seen, { once: true });
  }
}
