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
};

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
