/**
 * When to try the signaling socket again after it dropped: the delays of `reconnectDelay`, until
 * RECONNECT_GIVE_UP_MS after the drop, when the session gives up and says the network is gone.
 */
import {
  CLOSE_FORCE_DISCONNECTED, CLOSE_SESSION_NOT_FOUND, CLOSE_TOKEN_REFUSED, reconnectDelay,
} from './signaling';

/** Reconnecting stops this long after the connection dropped; the room then says the network is gone. */
export const RECONNECT_GIVE_UP_MS = 30_000;

export class ReconnectSchedule {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private since = 0;

  /** The connection dropped now. */
  begin(): void {
    this.since = Date.now();
  }

  /** Runs `attempt(n)` after attempt n's delay, or `giveUp` when that would pass the limit. */
  schedule(attempt: number, run: (attempt: number) => void, giveUp: () => void): void {
    const delay = reconnectDelay(attempt);
    if (Date.now() + delay - this.since > RECONNECT_GIVE_UP_MS) {
      giveUp();
      return;
    }
    this.timer = setTimeout(() => run(attempt), delay);
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** The `disconnected` reason for a final close code. */
export function endReason(code: number): string {
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
