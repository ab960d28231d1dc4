import { MediaError, type MediaSession, type SessionCredentials } from './MediaSession';

export * from './MediaSession';

/** Shown when the server runs the embedded platform, whose browser client is a separate piece of work. */
export const EMBEDDED_UNAVAILABLE =
  'This Parley server carries media on its embedded video platform. This version of the web app can only connect to '
  + 'rooms on the Vonage platform; the embedded platform\'s browser client comes with Parley\'s signaling service.';

/**
 * The MediaSession for the platform the join response names. The Vonage SDK is loaded only here, on demand, so the
 * lobby stays small.
 */
export async function openMediaSession(credentials: SessionCredentials): Promise<MediaSession> {
  switch (credentials.platform) {
    case 'vonage': {
      const { VonageMediaSession } = await import('./vonage');
      return new VonageMediaSession(credentials);
    }
    case 'embedded':
      throw new MediaError(EMBEDDED_UNAVAILABLE, 'embedded-unavailable');
    default:
      throw new MediaError(`This web app does not know the video platform "${String(credentials.platform)}".`);
  }
}

/** Checks the join response's platform value. */
export function isPlatform(value: unknown): value is SessionCredentials['platform'] {
  return value === 'vonage' || value === 'embedded';
}
