/**
 * The embedded platform's signaling messages (the project README's "Signaling protocol"), as TypeScript types: every
 * server event is one member of a union discriminated by `type`, so the session's switch narrows each message to its
 * fields. The server is trusted to send these shapes; fields a client must not crash on are still read defensively.
 */
import type { ServerMessage } from './signaling';

export type WireConnection = { connectionId: string; data?: string; createdAt?: string };

export type WireStream = {
  streamId: string;
  connectionId: string;
  name?: string;
  hasAudio?: boolean;
  hasVideo?: boolean;
  videoType?: 'camera' | 'screen';
  audioMuted?: boolean;
  videoMuted?: boolean;
  createdAt?: string;
};

export type WireCandidate = { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null } | null;

export type ConnectedEvent = {
  type: 'connected';
  connectionId: string;
  sessionId?: string;
  role?: string;
  mediaMode?: string;
  /** Routed sessions: whether to send the camera in simulcast layers. */
  simulcast?: boolean;
  iceServers?: RTCIceServer[];
  connections?: WireConnection[];
  streams?: WireStream[];
  archive?: { archiveId?: string; name?: string } | null;
};

export type ServerEvent =
  | ConnectedEvent
  | { type: 'connectionCreated'; connection: WireConnection }
  | { type: 'connectionDestroyed'; connection: WireConnection; reason?: string }
  | { type: 'streamCreated'; stream: WireStream }
  | { type: 'streamDestroyed'; streamId: string; connectionId?: string; reason?: string }
  | { type: 'streamPropertyChanged'; streamId: string; property: string; value: unknown; by?: 'owner' | 'moderator' }
  | { type: 'linkCreated'; linkId: string; streamId: string; peerConnectionId?: string; offerer: boolean }
  | { type: 'linkClosed'; linkId: string; reason?: string }
  | { type: 'offer' | 'answer'; linkId: string; sdp: string; from?: string }
  | { type: 'candidate'; linkId: string; candidate: WireCandidate; from?: string }
  | { type: 'signal'; signalType: string; data?: string; from?: string }
  | { type: 'archiveStarted' | 'archiveStopped'; archiveId: string; name?: string }
  | { type: 'forceMuted'; streamId: string }
  | { type: 'activeSpeaker'; streamId: string; connectionId?: string }
  /** To a routed publisher: send these simulcast layers (rids) of the stream only; nobody receives the others. */
  | { type: 'layers'; streamId: string; rids: string[] }
  | { type: 'redirect'; url?: string }
  | { type: 'nodes'; urls: string[] }
  | { type: 'pong' };

export type LinkCreatedEvent = Extract<ServerEvent, { type: 'linkCreated' }>;

/** Client requests (the README's "Client requests" table); `id` is added by the channel. */
export type ClientRequest =
  | { type: 'publish'; name: string; hasAudio: boolean; hasVideo: boolean; videoType: 'camera' | 'screen' }
  | { type: 'unpublish'; streamId: string }
  | { type: 'subscribe'; streamId: string }
  | { type: 'unsubscribe'; linkId: string }
  /** How tall this client shows a subscription's video, in device pixels (0: hidden). */
  | { type: 'view'; linkId: string; height: number }
  | { type: 'mute'; streamId: string; audioMuted?: boolean; videoMuted?: boolean }
  | { type: 'signal'; signalType: string; data: string; to?: string }
  | { type: 'forceDisconnect'; connectionId: string }
  | { type: 'forceMute'; streamId: string };

/** The channel's untyped message seen as the union (the server's shapes are the README's). */
export function asEvent(message: ServerMessage): ServerEvent {
  return message as unknown as ServerEvent;
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
