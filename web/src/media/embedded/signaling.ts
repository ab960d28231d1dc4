/**
 * One WebSocket to Parley's signaling endpoint (/rtc), as the README's "Signaling protocol" section describes it:
 * authenticate with `connect`, then send requests that carry an `id` and are answered by `ok` or `error` with the same
 * id. Everything else the server sends is an event, handed to `onEvent`. Reconnecting is the session's business:
 * a channel lives for one socket.
 */
import { MediaError } from '../MediaSession';

/** What the session needs of a WebSocket; the browser's WebSocket fits, and tests pass a fake. */
export type SocketLike = {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
};

export type SocketFactory = (url: string) => SocketLike;

/** A message from the server: `type` plus the fields the README lists for it. */
export type ServerMessage = { type: string; [field: string]: unknown };

/** Close codes after which reconnecting cannot help (README, "Authentication"). */
export const CLOSE_TOKEN_REFUSED = 4001;
export const CLOSE_NO_CONNECT = 4002;
export const CLOSE_FORCE_DISCONNECTED = 4003;
export const CLOSE_SESSION_NOT_FOUND = 4004;
export const CLOSE_CONNECTION_LIMIT = 4005;
const FINAL_CLOSE_CODES = new Set([CLOSE_TOKEN_REFUSED, CLOSE_NO_CONNECT, CLOSE_FORCE_DISCONNECTED, CLOSE_SESSION_NOT_FOUND,
  CLOSE_CONNECTION_LIMIT]);

/** Whether a socket closed this way is worth reconnecting (a dropped network is; a refused token is not). */
export function isFinalClose(code: number): boolean {
  return FINAL_CLOSE_CODES.has(code);
}

/** The wait before each reconnect attempt: 0.5 s, 1 s, 2 s, 4 s, then 5 s each. */
export function reconnectDelay(attempt: number): number {
  return Math.min(500 * 2 ** attempt, 5000);
}

/** What to tell the user when the socket closed before `connected`. */
export function closeMessage(code: number): string {
  switch (code) {
    case CLOSE_TOKEN_REFUSED:
      return 'The room refused this link or token: it is invalid or has expired. Join the room again.';
    case CLOSE_SESSION_NOT_FOUND:
      return 'This room\'s video session no longer exists. Join the room again.';
    case CLOSE_FORCE_DISCONNECTED:
      return 'A moderator removed you from the room.';
    case CLOSE_CONNECTION_LIMIT:
      return 'The room is full, or this link is already open in too many windows. Close one, or try again later.';
    default:
      return 'Could not reach the room\'s signaling service.';
  }
}

/** The URL of the signaling endpoint on the server that served this page. */
export function signalingUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rtc`;
}

export class SignalingChannel {
  private readonly socket: SocketLike;
  private readonly pending = new Map<number, { resolve: (ok: ServerMessage) => void; reject: (e: MediaError) => void }>();
  private nextId = 1;
  private closed = false;
  /** Events other than `ok`/`error`; `connected` included. */
  onEvent: (message: ServerMessage) => void = () => {};
  /** The socket closed, for whatever reason (also after `close()`). */
  onClose: (code: number, reason: string) => void = () => {};

  constructor(url: string, createSocket: SocketFactory, token: string) {
    this.socket = createSocket(url);
    // The token goes in the first message, not the URL, so that it stays out of access logs.
    this.socket.onopen = () => this.send({ type: 'connect', token });
    this.socket.onmessage = (event) => this.receive(event.data);
    this.socket.onclose = (event) => this.closedBy(event.code, event.reason);
    // A failed socket also fires `close`, which is where the session hears about it.
    this.socket.onerror = () => {};
  }

  /** Sends a message that needs no answer (offers, answers, candidates, mute announcements). */
  send(message: Record<string, unknown>): void {
    if (!this.closed && this.socket.readyState === 1) {
      this.socket.send(JSON.stringify(message));
    }
  }

  /** Sends a request with a fresh `id`; resolves with the `ok`, rejects with the server's `error` as a MediaError. */
  request(message: Record<string, unknown>): Promise<ServerMessage> {
    if (this.closed || this.socket.readyState !== 1) {
      return Promise.reject(new MediaError('Not connected to the room.', 'disconnected'));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ ...message, id }));
    });
  }

  close(code = 1000, reason = 'left'): void {
    if (!this.closed) {
      this.socket.close(code, reason);
      this.closedBy(code, reason);
    }
  }

  private receive(data: unknown): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(String(data)) as ServerMessage;
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null || typeof message.type !== 'string') {
      return;
    }
    if ((message.type === 'ok' || message.type === 'error') && typeof message.id === 'number') {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.type === 'ok') {
        waiting?.resolve(message);
      } else {
        waiting?.reject(new MediaError(String(message.reason ?? 'The server refused the request.'), String(message.code ?? 'error')));
      }
      return;
    }
    this.onEvent(message);
  }

  private closedBy(code: number, reason: string): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    for (const { reject } of this.pending.values()) {
      reject(new MediaError('The connection to the room was lost.', 'disconnected'));
    }
    this.pending.clear();
    this.onClose(code, reason);
  }
}
