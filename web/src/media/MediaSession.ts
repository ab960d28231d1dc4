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
};

/** A stream someone else publishes in the session. */
export type RemoteStream = {
  streamId: string;
  connectionId: string;
  /** The publisher's display name (the name it published with). */
  name: string;
  hasAudio: boolean;
  hasVideo: boolean;
};

export type MediaSessionEvents = {
  connectionCreated: { connectionId: string };
  connectionDestroyed: { connectionId: string; reason: string };
  streamCreated: { stream: RemoteStream };
  streamDestroyed: { stream: RemoteStream; reason: string };
  /** The session ended for this client: it left, was removed, or lost the network for good. */
  disconnected: { reason: string };
};

export type PublishOptions = {
  /** Shown to the others as the stream's name. */
  name: string;
  audio: boolean;
  video: boolean;
};

export interface MediaSession {
  readonly platform: Platform;
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
