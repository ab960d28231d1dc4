/** A remote stream this client receives, and the <video> it shows it in. */

/** `subscribedAt`/`firstFrameAt` (performance.now()) let the diagnostics tell how long the first frame took. */
export type Subscription = {
  streamId: string;
  video: HTMLVideoElement;
  /** Where the room asked for it to be shown. */
  target: HTMLElement;
  linkId?: string;
  subscribedAt: number;
  firstFrameAt?: number;
  /** The height last told to the router, in device pixels (0: hidden). */
  viewHeight?: number;
  stopWatching?: () => void;
};

/**
 * Calls {@code changed} with the target's height in device pixels whenever it changes by more than a tenth (0 when
 * it is hidden), at most every {@code minGapMs}: what the router needs to choose a layer no larger than the tile.
 */
export function watchViewHeight(subscription: Subscription, changed: (height: number) => void, minGapMs = 300): void {
  if (typeof ResizeObserver === 'undefined') {
    return;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const report = () => {
    timer = undefined;
    const height = Math.round(subscription.target.clientHeight * (globalThis.devicePixelRatio || 1));
    if (viewChanged(subscription.viewHeight, height)) {
      subscription.viewHeight = height;
      changed(height);
    }
  };
  const observer = new ResizeObserver(() => {
    timer ??= setTimeout(report, minGapMs);
  });
  observer.observe(subscription.target);
  subscription.stopWatching = () => {
    observer.disconnect();
    if (timer !== undefined) {
      clearTimeout(timer);
    }
  };
}

/** Worth telling: the first height, a tile hidden or shown, or a change of more than a tenth. */
export function viewChanged(before: number | undefined, now: number): boolean {
  if (before === undefined || (before === 0) !== (now === 0)) {
    return true;
  }
  return Math.abs(now - before) > before / 10;
}

/** Adds the element a subscription plays in. Not muted: the remote audio plays from it too. */
export function startSubscription(streamId: string, target: HTMLElement): Subscription {
  const video = document.createElement('video');
  video.autoplay = true;
  video.playsInline = true;
  video.setAttribute('playsinline', '');
  target.append(video);
  return { streamId, video, target, subscribedAt: performance.now() };
}

export function stopSubscription(subscription: Subscription): void {
  subscription.stopWatching?.();
  subscription.video.srcObject = null;
  subscription.video.remove();
}

/** Plays the received media, noting when the first frame is shown. */
export function showRemoteMedia(subscription: Subscription, media: MediaStream): void {
  subscription.video.srcObject = media;
  watchFirstFrame(subscription);
  // autoplay covers most cases; an explicit play() helps where the element was attached before it had media.
  subscription.video.play?.()?.catch(() => {});
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
