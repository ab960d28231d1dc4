/**
 * The one media interface the room view talks to. Each video platform has its own implementation: Vonage's web SDK
 * for `vonage`, Parley's own WebRTC client for `embedded`. Nothing here names a platform's types.
 */

export type Platform = 'vonage' | 'embedded';

/** What the join endpoint returned: enough to connect to the room's session. */
export type SessionCredentials = {
  platform: Platform;
  applicationId: string;
  sessionId: string;
  token: string;
  /** Embedded platform with several media nodes: the signaling URL of the node that carries the session. */
  signalingUrl?: string;
};

/** A stream someone else publishes in the session. */
export type RemoteStream = {
  streamId: string;
  connectionId: string;
  /** The publisher's display name (the name it published with). */
  name: string;
  hasAudio: boolean;
  hasVideo: boolean;
  /** A camera (with microphone) or a shared screen; one participant may publish both. */
  videoType: VideoType;
  /** The publisher's microphone is muted (by itself or by a moderator). */
  audioMuted: boolean;
  /** The publisher's camera is off. */
  videoMuted: boolean;
};

export type VideoType = 'camera' | 'screen';

export type StreamProperty = 'audioMuted' | 'videoMuted';

export type MediaSessionEvents = {
  /** Another client joined; `name` is its display name where the platform knows it. */
  connectionCreated: { connectionId: string; name?: string };
  connectionDestroyed: { connectionId: string; reason: string };
  streamCreated: { stream: RemoteStream };
  streamDestroyed: { stream: RemoteStream; reason: string };
  /** A remote stream's mute state changed. */
  streamPropertyChanged: { streamId: string; property: StreamProperty; value: boolean };
  /**
   * The platform's own judgement of who speaks (the embedded router's, from the audio levels of routed sessions);
   * `self` when it is this client's stream. Where no platform judges, the page judges from the levels it receives.
   */
  activeSpeaker: { streamId: string; self: boolean };
  /** A moderator muted this client's microphone; the session has already disabled it. */
  forceMuted: { streamId: string };
  /** This client's screen share ended (it stopped sharing, or the browser's "Stop sharing" was used). */
  screenShareStopped: Record<string, never>;
  signal: { signalType: string; data: string; from: string };
  archiveStarted: { archiveId: string; name: string };
  archiveStopped: { archiveId: string; name: string };
  /** The connection dropped and the session is trying to get it back; remote streams are gone until then. */
  reconnecting: Record<string, never>;
  reconnected: Record<string, never>;
  /** The session ended for this client: it left, was removed, or lost the network for good. */
  disconnected: { reason: string };
};

export type PublishOptions = {
  /** Shown to the others as the stream's name. */
  name: string;
  audio: boolean;
  video: boolean;
  /** The devices chosen in the lobby; the browser's default when absent or gone. */
  audioDeviceId?: string;
  videoDeviceId?: string;
};

/**
 * What an implementation offers beyond the basics, so that views ask the session what it can do instead of which
 * platform it is.
 */
export type MediaCapabilities = {
  screenShare: boolean;
  /** forceMute and forceDisconnect (for a moderator). */
  moderation: boolean;
  /** signal() and the `signal` event: chat rides on them. */
  signals: boolean;
  /** mediaStats() reports audio levels (speaking, active speaker). */
  audioLevels: boolean;
  /** mediaStats() reports losses and round trips (connection quality). */
  connectionQuality: boolean;
};

/** One stream's statistics at a moment: `key` is a remote stream id, or `local` for this client's camera. */
export type MediaStats = {
  key: string;
  /** 0..1, at this moment */
  audioLevel?: number;
  /**
   * 0..1: the RMS level over the whole interval since the previous mediaStats(), where the platform counts audio
   * energy. A level read at one moment misses a short sound between polls; this one does not.
   */
  audioLevelSinceLast?: number;
  /** Counters since the stream began (for `local`: what the far end reports lost of what this client sent). */
  packetsLost: number;
  packetsReceived: number;
  roundTripTimeMs?: number;
  /** For `local`: the share of what this client sent that was lost lately (0..1), where the far end reports it. */
  fractionLost?: number;
};

export interface MediaSession {
  readonly platform: Platform;
  readonly capabilities: MediaCapabilities;
  /** Connects to the session with the token; resolves once connected. */
  connect(): Promise<void>;
  /** Publishes the camera and microphone, rendering the local preview inside `target`. */
  publish(target: HTMLElement, options: PublishOptions): Promise<void>;
  unpublish(): void;
  /** Receives a remote stream (after `streamCreated`), rendering it inside `target`. */
  subscribe(stream: RemoteStream, target: HTMLElement): Promise<void>;
  unsubscribe(streamId: string): void;
  setAudioEnabled(enabled: boolean): void;
  setVideoEnabled(enabled: boolean): void;
  /** Publishes a shared screen as a second stream, rendering its preview inside `target`. Absent where unsupported. */
  shareScreen?(target: HTMLElement, options?: { name?: string }): Promise<void>;
  stopScreenShare?(): void;
  /** Moderator actions; absent on platforms where this app does not offer them. */
  forceMute?(streamId: string): Promise<void>;
  forceDisconnect?(connectionId: string): Promise<void>;
  /** Sends a signal to one connection, or to all others when `to` is absent. */
  signal?(signalType: string, data: string, to?: string): Promise<void>;
  /**
   * Audio levels and link quality from a full statistics report, polled by the room: every few seconds where
   * remoteAudioLevels() exists, several times a second where it does not.
   */
  mediaStats?(): Promise<MediaStats[]>;
  /**
   * Remote streams' current audio levels (0..1) by stream id, without a statistics report (cheap enough to poll several
   * times a second). Absent where the platform has nothing cheaper than mediaStats().
   */
  remoteAudioLevels?(): Map<string, number>;
  on<K extends keyof MediaSessionEvents>(event: K, listener: (payload: MediaSessionEvents[K]) => void): () => void;
  /** Leaves the session; resolves once the platform has let go of the camera and the connection. */
  disconnect(): Promise<void>;
}

/** A media failure worth showing to the user as it is. */
export class MediaError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = 'MediaError';
  }
}

/** Typed listeners for implementations of MediaSession. */
export class Emitter<E extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof E, Set<(payload: never) => void>>();

  on<K extends keyof E>(event: K, listener: (payload: E[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as (payload: never) => void);
    return () => {
      set.delete(listener as (payload: never) => void);
    };
  }

  emit<K extends keyof E>(event: K, payload: E[K]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      (listener as (payload: E[K]) => void)(payload);
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
