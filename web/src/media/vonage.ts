import OT from '@vonage/client-sdk-video';
import {
  Emitter, MediaError,
  type MediaCapabilities, type MediaSession, type MediaSessionEvents, type MediaStats, type PublishOptions,
  type RemoteStream, type SessionCredentials,
} from './MediaSession';
import { displayNameOf } from './embedded/protocol';

/** MediaSession over the Vonage Video web SDK: the session's media goes through Vonage's cloud. */
export class VonageMediaSession implements MediaSession {
  readonly platform = 'vonage' as const;
  /** Connection quality is left out: the SDK's stats need a second sample per subscriber to grade, not yet wired. */
  readonly capabilities: MediaCapabilities = {
    screenShare: true, moderation: true, signals: true, audioLevels: true, connectionQuality: false,
  };
  private readonly connections = new Map<string, OT.Connection>();
  /** The latest audioLevelUpdated per stream id (`local` for the camera publisher). */
  private readonly audioLevels = new Map<string, number>();
  private readonly session: OT.Session;
  private readonly events = new Emitter<MediaSessionEvents>();
  private readonly streams = new Map<string, OT.Stream>();
  private readonly subscribers = new Map<string, OT.Subscriber>();
  private publisher: OT.Publisher | undefined;
  private screenPublisher: OT.Publisher | undefined;

  constructor(private readonly credentials: SessionCredentials) {
    this.session = OT.initSession(credentials.applicationId, credentials.sessionId);
    this.session.on('streamCreated', (event) => {
      this.streams.set(event.stream.streamId, event.stream);
      this.events.emit('streamCreated', { stream: remote(event.stream) });
    });
    this.session.on('streamDestroyed', (event) => {
      this.streams.delete(event.stream.streamId);
      this.subscribers.delete(event.stream.streamId);
      this.audioLevels.delete(event.stream.streamId);
      this.events.emit('streamDestroyed', { stream: remote(event.stream), reason: event.reason });
    });
    this.session.on('connectionCreated', (event) => {
      this.connections.set(event.connection.connectionId, event.connection);
      const name = displayNameOf(event.connection.data);
      this.events.emit('connectionCreated', {
        connectionId: event.connection.connectionId, ...(name ? { name } : {}),
      });
    });
    this.session.on('connectionDestroyed', (event) => {
      this.connections.delete(event.connection.connectionId);
      this.events.emit('connectionDestroyed', { connectionId: event.connection.connectionId, reason: event.reason });
    });
    this.session.on('streamPropertyChanged', (event) => {
      // Vonage reports a muted microphone or camera as the stream no longer having audio or video.
      if (event.changedProperty === 'hasAudio' || event.changedProperty === 'hasVideo') {
        this.events.emit('streamPropertyChanged', {
          streamId: event.stream.streamId,
          property: event.changedProperty === 'hasAudio' ? 'audioMuted' : 'videoMuted',
          value: !event.newValue,
        });
      }
    });
    // Vonage also sends archiveStarted on connecting to a session that is being recorded.
    this.session.on('archiveStarted', (event) => {
      this.events.emit('archiveStarted', { archiveId: event.id, name: event.name ?? '' });
    });
    this.session.on('archiveStopped', (event) => {
      this.events.emit('archiveStopped', { archiveId: event.id, name: event.name ?? '' });
    });
    this.session.on('signal', (event) => {
      // Vonage prefixes nothing on the wire; the event's type is the signal's type.
      this.events.emit('signal', {
        signalType: event.type ?? '', data: event.data ?? '', from: event.from?.connectionId ?? '',
      });
    });
    this.session.on('muteForced', () => {
      this.publisher?.publishAudio(false);
      this.events.emit('forceMuted', { streamId: this.publisher?.stream?.streamId ?? '' });
    });
    this.session.on('sessionReconnecting', () => this.events.emit('reconnecting', {}));
    this.session.on('sessionReconnected', () => this.events.emit('reconnected', {}));
    this.session.on('sessionDisconnected', (event) => {
      this.events.emit('disconnected', { reason: event.reason });
    });
  }

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.session.connect(this.credentials.token, (error) => (error ? reject(failure(error)) : resolve()));
    });
  }

  publish(target: HTMLElement, options: PublishOptions): Promise<void> {
    return new Promise((resolve, reject) => {
      const publisher = OT.initPublisher(target, {
        insertMode: 'append', width: '100%', height: '100%', name: options.name,
        publishAudio: options.audio, publishVideo: options.video, style: { nameDisplayMode: 'off' },
        ...(options.audioDeviceId ? { audioSource: options.audioDeviceId } : {}),
        ...(options.videoDeviceId ? { videoSource: options.videoDeviceId } : {}),
      }, (error) => {
        if (error) {
          reject(failure(error));
          return;
        }
        this.session.publish(publisher, (publishError) => (publishError ? reject(failure(publishError)) : resolve()));
      });
      publisher.on('audioLevelUpdated', (event) => this.audioLevels.set('local', event.audioLevel));
      this.publisher = publisher;
    });
  }

  unpublish(): void {
    if (this.publisher) {
      this.session.unpublish(this.publisher);
      this.publisher = undefined;
    }
  }

  shareScreen(target: HTMLElement, options: { name?: string } = {}): Promise<void> {
    return new Promise((resolve, reject) => {
      const publisher = OT.initPublisher(target, {
        insertMode: 'append', width: '100%', height: '100%', name: options.name ?? '', videoSource: 'screen',
        publishAudio: false, style: { nameDisplayMode: 'off' },
      }, (error) => {
        if (error) {
          this.screenPublisher = undefined;
          reject(failure(error));
          return;
        }
        this.session.publish(publisher, (publishError) => (publishError ? reject(failure(publishError)) : resolve()));
      });
      // The browser's own "Stop sharing" ends the publisher's stream.
      publisher.on('streamDestroyed', () => {
        if (this.screenPublisher === publisher) {
          this.screenPublisher = undefined;
          this.events.emit('screenShareStopped', {});
        }
      });
      this.screenPublisher = publisher;
    });
  }

  stopScreenShare(): void {
    const publisher = this.screenPublisher;
    if (publisher) {
      this.screenPublisher = undefined;
      this.session.unpublish(publisher);
      publisher.destroy();
      this.events.emit('screenShareStopped', {});
    }
  }

  subscribe(stream: RemoteStream, target: HTMLElement): Promise<void> {
    const sdkStream = this.streams.get(stream.streamId);
    if (!sdkStream) {
      return Promise.reject(new MediaError(`The stream of ${stream.name} has already ended.`));
    }
    return new Promise((resolve, reject) => {
      const subscriber = this.session.subscribe(sdkStream, target, {
        insertMode: 'append', width: '100%', height: '100%', style: { nameDisplayMode: 'off' },
      }, (error) => (error ? reject(failure(error)) : resolve()));
      subscriber.on('audioLevelUpdated', (event) => this.audioLevels.set(stream.streamId, event.audioLevel));
      this.subscribers.set(stream.streamId, subscriber);
    });
  }

  unsubscribe(streamId: string): void {
    const subscriber = this.subscribers.get(streamId);
    if (subscriber) {
      this.session.unsubscribe(subscriber);
      this.subscribers.delete(streamId);
    }
  }

  setAudioEnabled(enabled: boolean): void {
    this.publisher?.publishAudio(enabled);
  }

  setVideoEnabled(enabled: boolean): void {
    this.publisher?.publishVideo(enabled);
  }

  async forceMute(streamId: string): Promise<void> {
    const stream = this.streams.get(streamId);
    if (!stream) {
      throw new MediaError('That stream has already ended.');
    }
    await this.session.forceMuteStream(stream);
  }

  async forceDisconnect(connectionId: string): Promise<void> {
    const connection = this.connections.get(connectionId);
    if (!connection) {
      throw new MediaError('That participant has already left.');
    }
    await this.session.forceDisconnect(connection);
  }

  async signal(signalType: string, data: string, to?: string): Promise<void> {
    const connection = to ? this.connections.get(to) : undefined;
    await this.session.signal({ type: signalType, data, ...(connection ? { to: connection } : {}) });
  }

  async mediaStats(): Promise<MediaStats[]> {
    return [...this.audioLevels].map(([key, audioLevel]) => ({ key, audioLevel, packetsLost: 0, packetsReceived: 0 }));
  }

  on<K extends keyof MediaSessionEvents>(event: K, listener: (payload: MediaSessionEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  async disconnect(): Promise<void> {
    this.stopScreenShare();
    this.unpublish();
    this.subscribers.clear();
    this.streams.clear();
    await this.session.disconnect();
    this.events.clear();
  }
}

function remote(stream: OT.Stream): RemoteStream {
  return {
    streamId: stream.streamId,
    connectionId: stream.connection.connectionId,
    name: stream.name || 'Guest',
    hasAudio: stream.hasAudio,
    hasVideo: stream.hasVideo,
    videoType: stream.videoType === 'screen' ? 'screen' : 'camera',
    audioMuted: !stream.hasAudio,
    videoMuted: !stream.hasVideo,
  };
}

function failure(error: OT.OTError): MediaError {
  return new MediaError(error.message, error.name);
}
