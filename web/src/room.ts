import type { Api } from './api/client';
import { problemMessage } from './api/problem';
import { el } from './lobby';
import { isPlatform, MediaError, openMediaSession, type MediaSession, type SessionCredentials } from './media';

export type RoomOptions = {
  api: Api;
  room: string;
  displayName: string;
  /** Called after Leave (or when the session ends), with a message for the lobby if there is one. */
  onLeave: (message?: string) => void;
  /** Chooses the media implementation; replaceable in tests. */
  openMedia?: (credentials: SessionCredentials) => Promise<MediaSession>;
};

/**
 * The room: joins through the API, connects the media session, and shows one tile per participant (role="group",
 * named by the participant's display name) in an adaptive grid, with microphone, camera and Leave controls.
 * Returns a function that leaves the room.
 */
export function enterRoom(container: HTMLElement, options: RoomOptions): () => Promise<void> {
  const { api, room, displayName } = options;
  container.replaceChildren();
  document.title = `${room} · Parley`;

  const section = el('section', { class: 'room', 'aria-labelledby': 'room-title' });
  const title = el('h1', { id: 'room-title' }, `Room ${room}`);
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, `Joining ${room}…`);
  const alert = el('p', { class: 'alert', role: 'alert' });
  alert.hidden = true;
  const grid = el('div', { class: 'grid', role: 'region', 'aria-label': 'Participants' });
  const controls = el('div', { class: 'controls', role: 'toolbar', 'aria-label': 'Call controls' });
  const microphone = el('button', { type: 'button', 'aria-pressed': 'false', disabled: '' }, 'Mute microphone') as HTMLButtonElement;
  const camera = el('button', { type: 'button', 'aria-pressed': 'false', disabled: '' }, 'Stop camera') as HTMLButtonElement;
  const leave = el('button', { type: 'button', class: 'leave' }, 'Leave') as HTMLButtonElement;
  controls.append(microphone, camera, leave);
  section.append(title, status, alert, grid, controls);
  container.append(section);

  let media: MediaSession | undefined;
  let left = false;
  const tiles = new Map<string, HTMLElement>();

  const showError = (message: string) => {
    alert.textContent = message;
    alert.hidden = false;
  };
  const addTile = (key: string, name: string) => {
    const tile = el('div', { class: 'tile', role: 'group', 'aria-label': name });
    const video = el('div', { class: 'video' });
    const label = el('span', { class: 'name', 'aria-hidden': 'true' }, name);
    tile.append(video, label);
    grid.append(tile);
    tiles.set(key, tile);
    grid.dataset.count = String(tiles.size);
    return video;
  };
  const removeTile = (key: string) => {
    tiles.get(key)?.remove();
    tiles.delete(key);
    grid.dataset.count = String(tiles.size);
  };

  const leaveRoom = async (message?: string) => {
    if (left) {
      return;
    }
    left = true;
    const session = media;
    media = undefined;
    try {
      await session?.disconnect();
    } finally {
      options.onLeave(message);
    }
  };
  leave.addEventListener('click', () => void leaveRoom());

  // Toggle buttons keep their name; aria-pressed carries the state.
  microphone.addEventListener('click', () => {
    const muted = microphone.getAttribute('aria-pressed') !== 'true';
    media?.setAudioEnabled(!muted);
    microphone.setAttribute('aria-pressed', String(muted));
    status.textContent = muted ? 'Your microphone is muted.' : 'Your microphone is on.';
  });
  camera.addEventListener('click', () => {
    const off = camera.getAttribute('aria-pressed') !== 'true';
    media?.setVideoEnabled(!off);
    camera.setAttribute('aria-pressed', String(off));
    status.textContent = off ? 'Your camera is off.' : 'Your camera is on.';
  });

  const start = async () => {
    let joined;
    try {
      joined = await api.POST('/api/v1/rooms/{name}/join', {
        params: { path: { name: room } },
        body: { displayName },
      });
    } catch {
      status.textContent = 'Could not join.';
      showError(problemMessage(undefined));
      return;
    }
    if (left) {
      return;
    }
    const { data, error, response } = joined;
    if (error !== undefined || data === undefined) {
      status.textContent = 'Could not join.';
      showError(problemMessage(error, response.status));
      return;
    }
    const { platform, applicationId, sessionId, token, role } = data;
    if (!isPlatform(platform) || !applicationId || !sessionId || !token) {
      status.textContent = 'Could not join.';
      showError('The server\'s answer is missing the session details.');
      return;
    }

    let session: MediaSession;
    try {
      session = await (options.openMedia ?? openMediaSession)({ platform, applicationId, sessionId, token });
    } catch (e) {
      status.textContent = `You joined ${room}, but this app cannot carry its media.`;
      showError(mediaMessage(e));
      return;
    }
    let connected = false;
    try {
      if (left) {
        await session.disconnect();
        return;
      }
      media = session;
      session.on('streamCreated', ({ stream }) => {
        const target = addTile(stream.streamId, stream.name);
        status.textContent = `${stream.name} joined.`;
        session.subscribe(stream, target).catch((e: unknown) => showError(mediaMessage(e)));
      });
      session.on('streamDestroyed', ({ stream }) => {
        removeTile(stream.streamId);
        status.textContent = `${stream.name} left.`;
      });
      session.on('disconnected', ({ reason }) => {
        if (!left) {
          void leaveRoom(reason === 'forceDisconnected'
            ? 'A moderator removed you from the room.'
            : 'You were disconnected from the room.');
        }
      });
      await session.connect();
      connected = true;
      if (role !== 'SUBSCRIBER') {
        const target = addTile('self', `${displayName} (you)`);
        await session.publish(target, { name: displayName, audio: true, video: true });
        microphone.disabled = false;
        camera.disabled = false;
      }
      status.textContent = role === 'MODERATOR'
        ? `You are in ${room} as its moderator.`
        : `You are in ${room}.`;
    } catch (e) {
      status.textContent = connected
        ? `You are in ${room}, but your camera and microphone are not published.`
        : 'Could not connect.';
      showError(mediaMessage(e));
    }
  };
  void start();

  return () => leaveRoom();
}

function mediaMessage(error: unknown): string {
  if (error instanceof MediaError || error instanceof Error) {
    return error.message;
  }
  return 'The media connection failed.';
}
