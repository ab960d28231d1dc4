/**
 * Who else is in the session: the other connections (with their data) and the streams they publish, as the server
 * announced them. The roster ignores this client's own connections, including earlier ones the server may still list
 * for a while after a reconnect.
 */
import type { RemoteStream, StreamProperty } from '../MediaSession';
import { displayNameOf, type WireConnection, type WireStream } from './protocol';

export class Roster {
  /** Other connections' data (`{"displayName":...}`), by connection id. */
  private readonly connections = new Map<string, string>();
  private readonly streams = new Map<string, RemoteStream>();
  private readonly ownConnectionIds = new Set<string>();

  addOwnConnection(connectionId: string): void {
    this.ownConnectionIds.add(connectionId);
  }

  /** Records a connection; answers its id and display name when it is new and not this client's. */
  addConnection(connection: WireConnection | undefined): { connectionId: string; name?: string } | undefined {
    const connectionId = String(connection?.connectionId);
    if (!connection || this.ownConnectionIds.has(connectionId)) {
      return undefined;
    }
    const data = typeof connection.data === 'string' ? connection.data : '';
    this.connections.set(connectionId, data);
    const name = displayNameOf(data);
    return name ? { connectionId, name } : { connectionId };
  }

  removeConnection(connectionId: string): boolean {
    return this.connections.delete(connectionId);
  }

  connectionIds(): string[] {
    return [...this.connections.keys()];
  }

  /** Records a remote stream; answers it when it is new and not this client's. */
  addStream(raw: WireStream | undefined): RemoteStream | undefined {
    if (!raw || this.ownConnectionIds.has(String(raw.connectionId)) || this.streams.has(String(raw.streamId))) {
      return undefined;
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
    this.streams.set(stream.streamId, stream);
    return stream;
  }

  stream(streamId: string): RemoteStream | undefined {
    return this.streams.get(streamId);
  }

  hasStream(streamId: string): boolean {
    return this.streams.has(streamId);
  }

  removeStream(streamId: string): RemoteStream | undefined {
    const stream = this.streams.get(streamId);
    this.streams.delete(streamId);
    return stream;
  }

  streamIds(): string[] {
    return [...this.streams.keys()];
  }

  /** Applies a mute change; answers whether it was a valid change of a known stream. */
  setProperty(streamId: string, property: unknown, value: unknown): property is StreamProperty {
    const stream = this.streams.get(streamId);
    if (!stream || (property !== 'audioMuted' && property !== 'videoMuted') || typeof value !== 'boolean') {
      return false;
    }
    stream[property] = value;
    return true;
  }
}
