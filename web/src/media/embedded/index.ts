/** The embedded platform's MediaSession and what its tests reach for. */
export { EmbeddedMediaSession, RECONNECT_GIVE_UP_MS, displayNameOf, type EmbeddedDependencies } from './session';
