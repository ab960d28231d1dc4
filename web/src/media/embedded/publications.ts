/** What this client publishes: its camera and microphone, or its screen, each shown in a local preview. */
import type { StreamProperty, VideoType } from '../MediaSession';

export type Publication = {
  videoType: VideoType;
  name: string;
  media: MediaStream;
  preview: HTMLVideoElement;
  /** Set once the server has accepted the stream; a new one after each reconnect. */
  streamId?: string;
  audioMuted: boolean;
  videoMuted: boolean;
};

/** Starts showing `media` in a muted preview inside `target`. */
export function startPublication(videoType: VideoType, name: string, media: MediaStream, target: HTMLElement): Publication {
  const preview = document.createElement('video');
  preview.muted = true;
  preview.autoplay = true;
  preview.playsInline = true;
  preview.setAttribute('muted', '');
  preview.setAttribute('playsinline', '');
  preview.srcObject = media;
  target.append(preview);
  return { videoType, name, media, preview, audioMuted: false, videoMuted: false };
}

/** Stops the tracks and removes the preview; answers the stream id the server knew it by, if any. */
export function stopPublication(publication: Publication): string | undefined {
  publication.media.getTracks().forEach((track) => track.stop());
  publication.preview.srcObject = null;
  publication.preview.remove();
  const streamId = publication.streamId;
  publication.streamId = undefined;
  return streamId;
}

/** Enables or disables the tracks of one kind, and remembers the state to announce. */
export function setPublicationMuted(publication: Publication, property: StreamProperty, muted: boolean): void {
  publication[property] = muted;
  const tracks = property === 'audioMuted' ? publication.media.getAudioTracks() : publication.media.getVideoTracks();
  tracks.forEach((track) => {
    track.enabled = !muted;
  });
}

/** The publish request that announces a publication to the server. */
export function publishRequest(publication: Publication) {
  return {
    type: 'publish' as const,
    name: publication.name,
    hasAudio: publication.media.getAudioTracks().length > 0,
    hasVideo: publication.media.getVideoTracks().length > 0,
    videoType: publication.videoType,
  };
}
