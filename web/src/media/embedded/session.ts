/**
 * MediaSession on Parley's embedded platform: signaling over Parley's own WebSocket (/rtc, see the README's
 * "Signaling protocol"); media over one peer connection per link, to the media router in routed sessions and
 * browser to browser in relayed ones. This file orchestrates; the parts live beside it: `protocol` (message types),
 * `roster` (who else is here), `publications` and `subscriptions` (own and received media), `reconnect` (when to try
 * again), `signaling` (the socket), `peer` (one link) and `diagnostics` (what getStats() says).
 */
import {
  Emitter, MediaError,
  type MediaCapabilities, type MediaSession, type MediaSessionEvents, type MediaStats, type PublishOptions,
  type RemoteStream, type SessionCredentials, type StreamProperty,
} from '../MediaSession';
import {
  inboundVideoOf, installDiagnostics, levelBetween, linkStatsOf, outboundVideoOf,
  type AudioEnergy, type InboundVideo, type OutboundVideo,
} from './diagnostics';
import { PeerLink, type PeerFactory } from './peer';
import { asEvent, type ClientRequest, type ConnectedEvent, type LinkCreatedEvent, type ServerEvent } from './protocol';
import {
  publishRequest, setPublicationMuted, startPublication, stopPublication, type Publication,
} from './publications';
import { endReason, ReconnectSchedule } from './reconnect';
import { Roster } from './roster';
import { CLOSE_MOVED, MAX_REDIRECTS, SignalingTargets } from './targets';
import { closeMessage, isFinalClose, SignalingChannel, signalingUrl, type ServerMessage, type SocketFactory } from './signaling';
import {
  showRemoteMedia, startSubscription, stopSubscription, type Subscription, watchViewHeight,
} from './subscriptions';

export { RECONNECT_GIVE_UP_MS } from './reconnect';
export { displayNameOf } from './protocol';

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

/** Allows an action at most `max` times in `windowMs`, per key. */
class RetryBudget {
  private readonly times = new Map<string, number[]>();
  constructor(private readonly max: number, private readonly windowMs: number) {}

  allow(key: string): boolean {
    const now = Date.now();
    const recent = (this.times.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.max) {
      return false;
    }
    recent.push(now);
    this.times.set(key, recent);
    return true;
  }
}

/** The socket closed before `connected`. */
class ClosedError extends MediaError {
  constructor(readonly closeCode: number) {
    super(closeMessage(closeCode), `closed-${closeCode}`);
  }
}

type State = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

export class EmbeddedMediaSession implements MediaSession {
  readonly platform = 'embedded' as const;
  readonly capabilities: MediaCapabilities = {
    screenShare: true, moderation: true, signals: true, audioLevels: true, connectionQuality: true,
  };
  /** The role and media mode from `connected`. */
  role: string | undefined;
  mediaMode: string | undefined;
  private simulcast = false;

  private readonly events = new Emitter<MediaSessionEvents>();
  private readonly targets: SignalingTargets;
  private readonly createSocket: SocketFactory;
  private readonly createPeer: PeerFactory;
  private readonly getUserMedia: NonNullable<EmbeddedDependencies['getUserMedia']>;
  private readonly getDisplayMedia: NonNullable<EmbeddedDependencies['getDisplayMedia']>;

  private state: State = 'idle';
  private channel: SignalingChannel | undefined;
  private ownConnectionId: string | undefined;
  private iceServers: RTCIceServer[] = [];
  private readonly roster = new Roster();
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly links = new Map<string, PeerLink>();
  /** Each link's audio totals at the previous mediaStats(), for the level over the interval between reports. */
  private readonly audioEnergySeen = new WeakMap<PeerLink, AudioEnergy>();
  private camera: Publication | undefined;
  private screen: Publication | undefined;
  /** `linkCreated` for a stream of ours whose `ok` has not arrived yet (the server may send them in either order). */
  private readonly earlyLinks: LinkCreatedEvent[] = [];
  private readonly reconnection = new ReconnectSchedule();
  /** Republishing and resubscribing after a lost link, at most a few times a minute each. */
  private readonly retry = new RetryBudget(3, 60_000);

  constructor(private readonly credentials: SessionCredentials, dependencies: EmbeddedDependencies = {}) {
    this.targets = new SignalingTargets(dependencies.url ?? signalingUrl(location), credentials.signalingUrl);
    this.createSocket = dependencies.createSocket ?? ((url) => new WebSocket(url));
    this.createPeer = dependencies.createPeer ?? ((configuration) => new RTCPeerConnection(configuration));
    this.getUserMedia = dependencies.getUserMedia ?? ((constraints) => navigator.mediaDevices.getUserMedia(constraints));
    this.getDisplayMedia = dependencies.getDisplayMedia ?? ((options) => navigator.mediaDevices.getDisplayMedia(options));
    installDiagnostics({
      inboundVideo: () => this.inboundVideo(),
      outboundVideo: () => this.outboundVideo(),
      receiverAudioLevels: () => Object.fromEntries(this.remoteAudioLevels()),
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
    let connected: ConnectedEvent;
    try {
      connected = await this.openFollowingRedirects();
    } catch (e) {
      if (e instanceof ClosedError && isFinalClose(e.closeCode)) {
        this.state = 'closed';
        throw e;
      }
      // the node the join named may have died since: try the page's own address once
      try {
        this.targets.moveOn();
        connected = await this.openFollowingRedirects();
      } catch (again) {
        this.state = 'closed';
        throw again;
      }
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
    const constraints = (exact: boolean): MediaStreamConstraints => ({
      audio: options.audio
        ? (exact && options.audioDeviceId ? { deviceId: { exact: options.audioDeviceId } } : true) : false,
      video: options.video
        ? { width: 640, height: 480, ...(exact && options.videoDeviceId ? { deviceId: { exact: options.videoDeviceId } } : {}) }
        : false,
    });
    let media: MediaStream;
    try {
      media = await this.getUserMedia(constraints(true));
    } catch (e) {
      // The chosen device has gone since the lobby: the browser's default then.
      const gone = e instanceof Error && (e.name === 'OverconstrainedError' || e.name === 'NotFoundError');
      if (!gone || (!options.audioDeviceId && !options.videoDeviceId)) {
        throw e;
      }
      media = await this.getUserMedia(constraints(false));
    }
    const publication = startPublication('camera', options.name, media, target);
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
    const publication = startPublication('screen', name, media, target);
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
    if (!this.roster.hasStream(stream.streamId)) {
      throw new MediaError(`The stream of ${stream.name} has already ended.`);
    }
    const subscription = startSubscription(stream.streamId, target);
    this.subscriptions.set(stream.streamId, subscription);
    try {
      const ok = await this.request({ type: 'subscribe', streamId: stream.streamId });
      subscription.linkId = String(ok.linkId);
    } catch (e) {
      if (this.subscriptions.get(stream.streamId) === subscription) {
        this.subscriptions.delete(stream.streamId);
      }
      stopSubscription(subscription);
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

  /** Audio level and link quality per received stream, and `local` for this client's camera. */
  async mediaStats(): Promise<MediaStats[]> {
    const byKey = new Map<string, MediaStats>();
    for (const link of [...this.links.values()]) {
      const own = this.camera?.streamId === link.streamId;
      if (!own && !this.roster.hasStream(link.streamId)) {
        continue;
      }
      const key = own ? 'local' : link.streamId;
      const { audioEnergy, ...linkStats } = linkStatsOf(await link.getStats());
      const stats: MediaStats = { key, ...linkStats };
      if (audioEnergy) {
        stats.audioLevelSinceLast = levelBetween(this.audioEnergySeen.get(link), audioEnergy);
        this.audioEnergySeen.set(link, audioEnergy);
      }
      const seen = byKey.get(key);
      if (!seen) {
        byKey.set(key, stats);
      } else {
        // A relayed publisher has one link per subscriber: add the losses, keep the worst round trip.
        seen.packetsLost += stats.packetsLost;
        seen.packetsReceived += stats.packetsReceived;
        seen.audioLevel = Math.max(seen.audioLevel ?? 0, stats.audioLevel ?? 0);
        seen.audioLevelSinceLast = Math.max(seen.audioLevelSinceLast ?? 0, stats.audioLevelSinceLast ?? 0);
        if (stats.fractionLost !== undefined) {
          seen.fractionLost = Math.max(seen.fractionLost ?? 0, stats.fractionLost);
        }
        if (stats.roundTripTimeMs !== undefined) {
          seen.roundTripTimeMs = Math.max(seen.roundTripTimeMs ?? 0, stats.roundTripTimeMs);
        }
      }
    }
    return [...byKey.values()];
  }

  remoteAudioLevels(): Map<string, number> {
    const levels = new Map<string, number>();
    for (const link of this.links.values()) {
      if (this.camera?.streamId === link.streamId || !this.roster.hasStream(link.streamId)) {
        continue;
      }
      const level = link.audioLevel();
      if (level !== undefined) {
        levels.set(link.streamId, Math.max(levels.get(link.streamId) ?? 0, level));
      }
    }
    return levels;
  }

  async disconnect(): Promise<void> {
    const wasOpen = this.state !== 'closed';
    this.state = 'closed';
    this.reconnection.cancel();
    this.tearDown('clientDisconnected');
    if (wasOpen) {
      this.events.emit('disconnected', { reason: 'clientDisconnected' });
    }
    this.events.clear();
  }

  // --- the socket ---

  /** `open`, again at the node a `redirect` names (a few times at most). */
  private async openFollowingRedirects(): Promise<ConnectedEvent> {
    for (let redirects = 0; ; redirects++) {
      try {
        return await this.open();
      } catch (e) {
        if (!(e instanceof ClosedError && e.closeCode === CLOSE_MOVED && redirects < MAX_REDIRECTS)) {
          throw e;
        }
      }
    }
  }

  /** Opens a channel and waits for `connected`; later events go to `handle`, a later close to `lost`. */
  private open(): Promise<ConnectedEvent> {
    return new Promise((resolve, reject) => {
      const channel = new SignalingChannel(this.targets.current, this.createSocket, this.credentials.token);
      this.channel = channel;
      let connected = false;
      const timeout = setTimeout(() => channel.close(1000, 'connect timeout'), CONNECT_TIMEOUT_MS);
      channel.onEvent = (raw) => {
        const message = asEvent(raw);
        if (!connected && message.type === 'redirect') {
          this.targets.redirect(message.url);
        } else if (!connected && message.type === 'connected') {
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

  private request(message: ClientRequest): Promise<ServerMessage> {
    if (!this.channel || this.state !== 'connected') {
      return Promise.reject(new MediaError('Not connected to the room.', 'disconnected'));
    }
    return this.channel.request(message);
  }

  private send(message: Record<string, unknown>): void {
    this.channel?.send(message);
  }

  /** Takes this connection's identity and the session's settings from `connected`. */
  private adopt(connected: ConnectedEvent): void {
    this.ownConnectionId = String(connected.connectionId);
    this.roster.addOwnConnection(this.ownConnectionId);
    this.role = typeof connected.role === 'string' ? connected.role : undefined;
    this.mediaMode = typeof connected.mediaMode === 'string' ? connected.mediaMode : undefined;
    this.simulcast = connected.simulcast === true;
    this.iceServers = Array.isArray(connected.iceServers) ? connected.iceServers : [];
  }

  /** Announces the connections, streams and archive that `connected` listed. */
  private announce(connected: ConnectedEvent): void {
    if (this.state !== 'connected') {
      return;
    }
    for (const connection of Array.isArray(connected.connections) ? connected.connections : []) {
      this.connectionCreated(connection);
    }
    for (const stream of Array.isArray(connected.streams) ? connected.streams : []) {
      this.streamCreated(stream);
    }
    const archive = connected.archive;
    if (archive?.archiveId) {
      this.events.emit('archiveStarted', { archiveId: archive.archiveId, name: archive.name ?? '' });
    }
  }

  private handle(message: ServerEvent): void {
    switch (message.type) {
      case 'connectionCreated':
        this.connectionCreated(message.connection);
        break;
      case 'connectionDestroyed': {
        const connectionId = String(message.connection?.connectionId);
        if (this.roster.removeConnection(connectionId)) {
          this.events.emit('connectionDestroyed', { connectionId, reason: String(message.reason ?? '') });
        }
        break;
      }
      case 'streamCreated':
        this.streamCreated(message.stream);
        break;
      case 'streamDestroyed': {
        const streamId = String(message.streamId);
        const own = this.publicationOf(streamId);
        if (own) {
          // The router lost this client's link for it (no ICE consent): publish the same tracks again.
          this.republish(own);
        } else {
          this.streamDestroyed(streamId, String(message.reason ?? ''));
        }
        break;
      }
      case 'streamPropertyChanged': {
        const streamId = String(message.streamId);
        if (this.roster.setProperty(streamId, message.property, message.value)) {
          this.events.emit('streamPropertyChanged', {
            streamId, property: message.property as StreamProperty, value: message.value as boolean,
          });
        }
        break;
      }
      case 'linkCreated':
        this.linkCreated(message);
        break;
      case 'linkClosed':
        this.linkClosed(String(message.linkId), String(message.reason ?? ''));
        break;
      case 'offer': {
        const sdp = String(message.sdp);
        this.onLink(message.linkId, (link) => link.answer(sdp));
        break;
      }
      case 'answer': {
        const sdp = String(message.sdp);
        this.onLink(message.linkId, (link) => link.accept(sdp));
        break;
      }
      case 'candidate': {
        const candidate = (message.candidate ?? null) as RTCIceCandidateInit | null;
        this.onLink(message.linkId, (link) => link.addCandidate(candidate));
        break;
      }
      case 'forceMuted':
        this.forceMuted(String(message.streamId));
        break;
      case 'layers': {
        const streamId = String(message.streamId);
        const rids = Array.isArray(message.rids) ? message.rids.map(String) : [];
        if (rids.length === 0) {
          break; // the router always keeps one layer; an empty list is no instruction
        }
        for (const link of this.links.values()) {
          if (link.streamId === streamId && this.isOwnStream(streamId)) {
            link.sendLayers(rids).catch((e: unknown) => console.warn('Parley: cannot change the sent layers', e));
          }
        }
        break;
      }
      case 'activeSpeaker': {
        const streamId = String(message.streamId);
        this.events.emit('activeSpeaker', { streamId, self: this.isOwnStream(streamId) });
        break;
      }
      case 'signal':
        this.events.emit('signal', {
          signalType: String(message.signalType), data: String(message.data ?? ''), from: String(message.from ?? ''),
        });
        break;
      case 'nodes':
        this.targets.learn(message.urls);
        break;
      case 'redirect':
        // the node is leaving; close code 4010 follows, and the reconnect goes where this says
        this.targets.redirect(message.url);
        break;
      case 'archiveStarted':
      case 'archiveStopped':
        this.events.emit(message.type, { archiveId: String(message.archiveId), name: String(message.name ?? '') });
        break;
      default:
        // `pong`, a repeated `connected`, and anything newer than this client.
        break;
    }
  }

  // --- connections and remote streams ---

  private connectionCreated(connection: Parameters<Roster['addConnection']>[0]): void {
    const added = this.roster.addConnection(connection);
    if (added) {
      this.events.emit('connectionCreated', added);
    }
  }

  private streamCreated(raw: Parameters<Roster['addStream']>[0]): void {
    const stream = this.roster.addStream(raw);
    if (stream) {
      this.events.emit('streamCreated', { stream });
    }
  }

  private streamDestroyed(streamId: string, reason: string): void {
    const subscription = this.subscriptions.get(streamId);
    if (subscription) {
      this.dropSubscription(subscription);
    }
    const stream = this.roster.removeStream(streamId);
    if (stream) {
      this.events.emit('streamDestroyed', { stream, reason });
    }
  }

  private dropSubscription(subscription: Subscription): void {
    this.subscriptions.delete(subscription.streamId);
    for (const link of [...this.links.values()]) {
      if (link.streamId === subscription.streamId && !this.isOwnStream(link.streamId)) {
        this.closeLink(link);
      }
    }
    stopSubscription(subscription);
  }

  // --- links ---

  private linkCreated(message: LinkCreatedEvent): void {
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
      // only the router takes simulcast; a browser at the other end of a relayed link would decode the top layer
      const simulcast = this.simulcast && this.mediaMode === 'ROUTED' && publication.videoType === 'camera';
      link.offer(publication.media, { simulcast }).catch((e: unknown) => this.linkFailed(link, e));
      return;
    }
    const subscription = this.subscriptions.get(streamId);
    if (!subscription) {
      return;
    }
    subscription.linkId = linkId;
    const link = this.newLink(linkId, streamId);
    link.onRemoteStream = (media) => showRemoteMedia(subscription, media);
    if (this.mediaMode === 'ROUTED') {
      // the router sends no larger a layer than the tile shows, and no video to a hidden one
      subscription.viewHeight = undefined;
      subscription.stopWatching?.();
      watchViewHeight(subscription, (height) => {
        if (subscription.linkId === linkId) {
          this.request({ type: 'view', linkId, height }).catch(() => {});
        }
      });
    }
  }

  private newLink(linkId: string, streamId: string): PeerLink {
    const link = new PeerLink({
      linkId, streamId, iceServers: this.iceServers, createPeer: this.createPeer, send: (m) => this.send(m),
    });
    this.links.set(linkId, link);
    return link;
  }

  private onLink(linkId: unknown, act: (link: PeerLink) => Promise<void>): void {
    const link = this.links.get(String(linkId));
    if (link) {
      act(link).catch((e: unknown) => this.linkFailed(link, e));
    }
  }

  private linkClosed(linkId: string, reason: string): void {
    const link = this.links.get(linkId);
    if (!link) {
      return;
    }
    this.closeLink(link);
    const subscription = this.subscriptions.get(link.streamId);
    if (subscription?.linkId === linkId) {
      this.dropSubscription(subscription);
      // The link failed while the stream goes on (the router lost this end): subscribe again, in the same place.
      const stream = this.roster.stream(link.streamId);
      const target = subscription.video.parentElement ?? subscription.target;
      if (stream && reason === 'networkDisconnected' && target && this.retry.allow(`subscribe ${stream.streamId}`)) {
        setTimeout(() => {
          if (this.state === 'connected' && this.roster.hasStream(stream.streamId)) {
            this.subscribe(stream, target).catch(() => {});
          }
        }, 500);
      }
    }
  }

  /** Announces a publication again under a new stream id, after the server ended the old one. */
  private republish(publication: Publication): void {
    const old = publication.streamId;
    publication.streamId = undefined;
    for (const link of [...this.links.values()]) {
      if (link.streamId === old) {
        this.closeLink(link);
      }
    }
    if (this.state === 'connected' && this.retry.allow(`publish ${publication.videoType}`)) {
      this.announcePublication(publication).catch((e: unknown) => {
        console.warn('Parley: could not publish again after the media link was lost', e);
      });
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

  /** Tells the server about a publication (again, after a reconnect) and answers links that came before the `ok`. */
  private async announcePublication(publication: Publication): Promise<void> {
    const ok = await this.request(publishRequest(publication));
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
    const streamId = stopPublication(publication);
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
    setPublicationMuted(camera, property, muted);
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
    this.reconnection.begin();
    this.scheduleReconnect(0);
  }

  private scheduleReconnect(attempt: number): void {
    this.reconnection.schedule(attempt, (n) => void this.reconnect(n), () => this.end('networkDisconnected'));
  }

  private async reconnect(attempt: number): Promise<void> {
    if (this.state !== 'reconnecting') {
      return;
    }
    let connected: ConnectedEvent;
    try {
      connected = await this.openFollowingRedirects();
    } catch (e) {
      if (this.state !== 'reconnecting') {
        return;
      }
      if (e instanceof ClosedError && isFinalClose(e.closeCode)) {
        this.end(endReason(e.closeCode));
      } else {
        // this node is gone or refuses: the next try goes to the page's own address or another live node
        this.targets.moveOn();
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
    for (const streamId of this.roster.streamIds()) {
      this.streamDestroyed(streamId, reason);
    }
    for (const connectionId of this.roster.connectionIds()) {
      this.roster.removeConnection(connectionId);
      this.events.emit('connectionDestroyed', { connectionId, reason });
    }
  }

  /** The session is over for good (removed, token refused, network gone). */
  private end(reason: string): void {
    this.state = 'closed';
    this.reconnection.cancel();
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
      const stream = this.roster.stream(link.streamId);
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
      const total = { framesEncoded: 0, bytesSent: 0, targetBitrate: 0, availableOutgoingBitrate: 0,
        framesEncodedByLayer: {} as Record<string, number> };
      for (const link of [...this.links.values()].filter((l) => l.streamId === publication.streamId)) {
        const sent = outboundVideoOf(await link.getStats());
        total.framesEncoded += sent.framesEncoded;
        total.bytesSent += sent.bytesSent;
        total.targetBitrate += sent.targetBitrate;
        total.availableOutgoingBitrate += sent.availableOutgoingBitrate;
        for (const [rid, frames] of Object.entries(sent.framesEncodedByLayer)) {
          total.framesEncodedByLayer[rid] = (total.framesEncodedByLayer[rid] ?? 0) + frames;
        }
      }
      result.push({ streamId: publication.streamId, videoType: publication.videoType, ...total });
    }
    return result;
  }
}

