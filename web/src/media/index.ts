import { MediaError, type MediaSession, type SessionCredentials } from './MediaSession';

export * from './MediaSession';

/**
 * The MediaSession for the platform the join response names. Each implementation is loaded only here, on demand, so
 * the lobby stays small (the Vonage SDK alone is megabytes).
 */
export async function openMediaSession(credentials: SessionCredentials): Promise<MediaSession> {
  switch (credentials.platform) {
    case 'vonage': {
      const { VonageMediaSession } = await import('./vonage');
      return new VonageMediaSession(credentials);
    }
    case 'embedded': {
      const { EmbeddedMediaSession } = await import('./embedded/index');
      return new EmbeddedMediaSession(credentials);
    }
    default:
      throw new MediaError(`This web app does not know the video platform "${String(credentials.platform)}".`);
  }
}

/** Checks the join response's platform value. */
export function isPlatform(value: unknown): value is SessionCredentials['platform'] {
  return value === 'vonage' || value === 'embedded';
}
