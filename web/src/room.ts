import type { Api } from './api/client';
import { problemMessage } from './api/problem';
import { archivesView, startArchive, stopArchive, type ArchiveAccess, type ArchivesView } from './archives';
import type { Role } from './directLink';
import { cameraMessage, el } from './lobby';
import {
  isPlatform, MediaError, openMediaSession, type MediaSession, type RemoteStream, type SessionCredentials,
} from './media';

/** How the room gets its session: through the join endpoint, or with credentials given directly (a direct link). */
export type RoomEntry =
  | { api: Api; room: string }
  | { credentials: SessionCredentials; role: Role; room?: string; api?: Api };

export type RoomOptions = RoomEntry & {
  displayName: string;
  /** Called after Leave (or when the session ends), with a message for the lobby if there is one. */
  onLeave: (message?: string) => void;
  /** Chooses the media implementation; replaceable in tests. */
  openMedia?: (credentials: SessionCredentials) => Promise<MediaSession>;
};

/** A tile: a participant's camera or screen, with its mute indicators. */
type Tile = { element: HTMLElement; video: HTMLElement; name: string };

/**
 * The room: joins (or takes direct credentials), connects the media session, and shows one tile per stream
 * (role="group", named by the participant's display name; screens as "{name} (screen)") in an adaptive grid, with
 * microphone, camera, screen-share and Leave controls. With the API at hand, everyone sees a "Recording" badge
 * (role="status") while an archive runs and can open the session's Archives; moderators start and stop recording.
 * Returns a function that leaves the room.
 */
export function enterRoom(container: HTMLElement, options: RoomOptions): () => Promise<void> {
  const { displayName } = options;
  const room = options.room;
  const where = room ?? 'the room';
  container.replaceChildren();
  document.title = room ? `${room} · Parley` : 'Parley';

  const section = el('section', { class: 'room', 'aria-labelledby': 'room-title' });
  const title = el('h1', { id: 'room-title' }, room ? `Room ${room}` : 'Room');
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, `Joining ${where}…`);
  const alert = el('p', { class: 'alert', role: 'alert' });
  alert.hidden = true;
  const recordingBadge = el('p', { class: 'recording', role: 'status' }, 'Recording');
  recordingBadge.hidden = true;
  const grid = el('div', { class: 'grid', role: 'region', 'aria-label': 'Participants' });
  const controls = el('div', { class: 'controls', role: 'toolbar', 'aria-label': 'Call controls' });
  const microphone = button('Mute microphone');
  const camera = button('Turn camera off');
  const share = button('Share screen');
  const leave = el('button', { type: 'button', class: 'leave' }, 'Leave') as HTMLButtonElement;
  microphone.disabled = camera.disabled = share.disabled = true;
  controls.append(microphone, camera, share, leave);
  section.append(title, status, recordingBadge, alert, grid, controls);
  container.append(section);

  let media: MediaSession | undefined;
  let left = false;
  let role: Role | undefined;
  let audioMuted = false;
  let videoMuted = false;
  let sharing = false;
  const tiles = new Map<string, Tile>();
  /** The archive being recorded, if any; `recordingPending` while this moderator's start or stop runs. */
  let recordingId: string | undefined;
  let recordingPending: 'start' | 'stop' | undefined;
  let recordButton: HTMLButtonElement | undefined;
  let archives: ArchivesView | undefined;

  const showError = (message: string) => {
    alert.textContent = message;
    alert.hidden = false;
  };
  const addTile = (key: string, label: string, visibleName: string, streamId?: string): Tile => {
    removeTile(key);
    const element = el('div', { class: 'tile', role: 'group', 'aria-label': label });
    if (streamId) {
      element.dataset.streamId = streamId;
    }
    const video = el('div', { class: 'video' });
    const name = el('span', { class: 'name', 'aria-hidden': 'true' }, visibleName);
    element.append(video, name);
    grid.append(element);
    const tile = { element, video, name: label };
    tiles.set(key, tile);
    grid.dataset.count = String(tiles.size);
    return tile;
  };
  const removeTile = (key: string) => {
    tiles.get(key)?.element.remove();
    tiles.delete(key);
    grid.dataset.count = String(tiles.size);
  };

  const leaveRoom = async (message?: string) => {
    if (left) {
      return;
    }
    left = true;
    archives?.dispose();
    const session = media;
    media = undefined;
    try {
      await session?.disconnect();
    } finally {
      options.onLeave(message);
    }
  };
  leave.addEventListener('click', () => void leaveRoom());

  // The buttons' names say what a click does; the tiles' indicators show the state.
  const showAudioMuted = (muted: boolean) => {
    audioMuted = muted;
    microphone.textContent = muted ? 'Unmute microphone' : 'Mute microphone';
    const self = tiles.get('self');
    if (self) {
      setAudioIndicator(self, muted);
    }
  };
  microphone.addEventListener('click', () => {
    const muted = !audioMuted;
    media?.setAudioEnabled(!muted);
    showAudioMuted(muted);
    status.textContent = muted ? 'Your microphone is muted.' : 'Your microphone is on.';
  });
  camera.addEventListener('click', () => {
    videoMuted = !videoMuted;
    media?.setVideoEnabled(!videoMuted);
    camera.textContent = videoMuted ? 'Turn camera on' : 'Turn camera off';
    const self = tiles.get('self');
    if (self) {
      setVideoIndicator(self, videoMuted);
    }
    status.textContent = videoMuted ? 'Your camera is off.' : 'Your camera is on.';
  });

  const sharingStopped = () => {
    sharing = false;
    removeTile('self-screen');
    share.textContent = 'Share screen';
  };
  share.addEventListener('click', () => {
    const session = media;
    if (!session?.shareScreen) {
      return;
    }
    if (sharing) {
      session.stopScreenShare?.();
      sharingStopped();
      return;
    }
    sharing = true;
    share.textContent = 'Stop sharing';
    const tile = addTile('self-screen', `${displayName} (screen)`, `${displayName} (your screen)`);
    session.shareScreen(tile.video, { name: displayName }).then(
      () => {
        status.textContent = 'You are sharing your screen.';
      },
      (e: unknown) => {
        sharingStopped();
        showError(`Could not share your screen: ${mediaMessage(e)}`);
      },
    );
  });

  const addRemote = (session: MediaSession, stream: RemoteStream) => {
    const screen = stream.videoType === 'screen';
    const label = screen ? `${stream.name} (screen)` : stream.name;
    const tile = addTile(stream.streamId, label, label, stream.streamId);
    setAudioIndicator(tile, stream.audioMuted);
    setVideoIndicator(tile, stream.videoMuted);
    if (!screen && role === 'MODERATOR' && session.platform === 'embedded' && session.forceMute && session.forceDisconnect) {
      tile.element.append(moderatorActions(session, stream));
    }
    status.textContent = screen ? `${stream.name} is sharing their screen.` : `${stream.name} joined.`;
    session.subscribe(stream, tile.video).catch((e: unknown) => showError(mediaMessage(e)));
  };
  const moderatorActions = (session: MediaSession, stream: RemoteStream) => {
    const actions = el('div', { class: 'moderation' });
    const mute = button(`Mute ${stream.name}`);
    const remove = button(`Remove ${stream.name}`);
    mute.addEventListener('click', () => {
      session.forceMute?.(stream.streamId).catch((e: unknown) => showError(`Could not mute ${stream.name}: ${mediaMessage(e)}`));
    });
    remove.addEventListener('click', () => {
      session.forceDisconnect?.(stream.connectionId)
        .catch((e: unknown) => showError(`Could not remove ${stream.name}: ${mediaMessage(e)}`));
    });
    actions.append(mute, remove);
    return actions;
  };

  const showRecording = () => {
    recordingBadge.hidden = recordingId === undefined;
    if (!recordButton) {
      return;
    }
    recordButton.disabled = recordingPending !== undefined;
    recordButton.textContent = recordingPending === 'start' ? 'Starting recording…'
      : recordingPending === 'stop' ? 'Stopping recording…'
      : recordingId === undefined ? 'Start recording' : 'Stop recording';
  };
  const toggleRecording = async (access: ArchiveAccess) => {
    if (recordingPending) {
      return;
    }
    const running = recordingId;
    if (alert.textContent?.startsWith('Recording could not')) {
      alert.hidden = true;
    }
    recordingPending = running === undefined ? 'start' : 'stop';
    showRecording();
    try {
      if (running === undefined) {
        const id = await startArchive(access, `${room ?? 'Session'} ${new Date().toLocaleString()}`);
        // The archiveStarted event may have come first; either gives the id.
        recordingId = recordingId ?? id;
        status.textContent = 'Recording started.';
      } else {
        await stopArchive(access, running);
        if (recordingId === running) {
          recordingId = undefined;
        }
        status.textContent = 'Recording stopped.';
      }
    } catch (e) {
      showError(`Recording could not ${running === undefined ? 'start' : 'stop'}: ${mediaMessage(e)}`);
    } finally {
      recordingPending = undefined;
      if (!left) {
        showRecording();
      }
    }
  };
  const offerArchives = (access: ArchiveAccess) => {
    if (role === 'MODERATOR') {
      const record = button('Start recording');
      record.addEventListener('click', () => void toggleRecording(access));
      recordButton = record;
      controls.insertBefore(record, leave);
    }
    const view = archivesView(access);
    archives = view;
    view.element.id = 'archives';
    const toggle = button('Archives');
    toggle.setAttribute('aria-controls', 'archives');
    toggle.setAttribute('aria-expanded', 'false');
    toggle.addEventListener('click', () => {
      if (view.open) {
        view.hide();
      } else {
        view.show();
      }
      toggle.setAttribute('aria-expanded', String(view.open));
    });
    controls.insertBefore(toggle, leave);
    section.append(view.element);
    showRecording();
  };

  const watch = (session: MediaSession) => {
    session.on('archiveStarted', ({ archiveId }) => {
      recordingId = archiveId;
      showRecording();
      archives?.refresh();
    });
    session.on('archiveStopped', ({ archiveId }) => {
      if (recordingId === undefined || recordingId === archiveId) {
        recordingId = undefined;
      }
      showRecording();
      archives?.refresh();
    });
    session.on('streamCreated', ({ stream }) => addRemote(session, stream));
    session.on('streamDestroyed', ({ stream }) => {
      removeTile(stream.streamId);
      status.textContent = stream.videoType === 'screen' ? `${stream.name} stopped sharing.` : `${stream.name} left.`;
    });
    session.on('streamPropertyChanged', ({ streamId, property, value }) => {
      const tile = tiles.get(streamId);
      if (tile) {
        (property === 'audioMuted' ? setAudioIndicator : setVideoIndicator)(tile, value);
      }
    });
    session.on('forceMuted', () => {
      showAudioMuted(true);
      status.textContent = 'A moderator muted your microphone.';
    });
    session.on('screenShareStopped', () => {
      if (sharing) {
        sharingStopped();
        status.textContent = 'You stopped sharing your screen.';
      }
    });
    session.on('reconnecting', () => {
      status.textContent = 'The connection dropped. Reconnecting…';
    });
    session.on('reconnected', () => {
      status.textContent = `You are back in ${where}.`;
    });
    session.on('disconnected', ({ reason }) => {
      if (!left) {
        void leaveRoom(disconnectMessage(reason));
      }
    });
  };

  const credentialsFor = async (): Promise<{ credentials: SessionCredentials; role: Role } | undefined> => {
    if ('credentials' in options) {
      return { credentials: options.credentials, role: options.role };
    }
    let joined;
    try {
      joined = await options.api.POST('/api/v1/rooms/{name}/join', {
        params: { path: { name: options.room } },
        body: { displayName },
      });
    } catch {
      status.textContent = 'Could not join.';
      showError(problemMessage(undefined));
      return undefined;
    }
    const { data, error, response } = joined;
    if (error !== undefined || data === undefined) {
      status.textContent = 'Could not join.';
      showError(problemMessage(error, response.status));
      return undefined;
    }
    const { platform, applicationId, sessionId, token } = data;
    if (!isPlatform(platform) || !applicationId || !sessionId || !token) {
      status.textContent = 'Could not join.';
      showError('The server\'s answer is missing the session details.');
      return undefined;
    }
    return { credentials: { platform, applicationId, sessionId, token }, role: data.role ?? 'PUBLISHER' };
  };

  const start = async () => {
    const entry = await credentialsFor();
    if (!entry || left) {
      return;
    }
    role = entry.role;
    if (options.api) {
      const { sessionId, token } = entry.credentials;
      offerArchives({ api: options.api, sessionId, token });
    }

    let session: MediaSession;
    try {
      session = await (options.openMedia ?? openMediaSession)(entry.credentials);
    } catch (e) {
      status.textContent = `You joined ${where}, but this app cannot carry its media.`;
      showError(mediaMessage(e));
      return;
    }
    if (left) {
      await session.disconnect();
      return;
    }
    media = session;
    share.hidden = !session.shareScreen;
    watch(session);
    try {
      await session.connect();
    } catch (e) {
      status.textContent = 'Could not connect.';
      showError(mediaMessage(e));
      return;
    }
    status.textContent = role === 'MODERATOR' ? `You are in ${where} as its moderator.` : `You are in ${where}.`;

    // Subscribers try too: the server's refusal tells them why they are not seen, and they still see the others.
    const self = addTile('self', displayName, `${displayName} (you)`);
    try {
      await session.publish(self.video, { name: displayName, audio: true, video: true });
    } catch (e) {
      removeTile('self');
      const refused = role === 'SUBSCRIBER' || (e instanceof MediaError && e.code === 'forbidden');
      showError(refused
        ? `You cannot publish in this room: ${mediaMessage(e)}`
        : `Your camera and microphone are not published: ${publishMessage(e)}`);
      return;
    }
    if (left) {
      return;
    }
    microphone.disabled = camera.disabled = share.disabled = false;
  };
  void start();

  return () => leaveRoom();
}

function button(name: string): HTMLButtonElement {
  return el('button', { type: 'button' }, name) as HTMLButtonElement;
}

function child(tile: Tile, className: string): HTMLElement | undefined {
  return [...tile.element.children].find((c): c is HTMLElement => c.classList.contains(className));
}

function setAudioIndicator(tile: Tile, muted: boolean) {
  let indicator = child(tile, 'muted');
  if (muted && !indicator) {
    indicator = el('span', { class: 'muted', role: 'img', 'aria-label': 'Microphone muted' }, '🔇 Muted');
    tile.element.append(indicator);
  } else if (!muted) {
    indicator?.remove();
  }
}

function setVideoIndicator(tile: Tile, off: boolean) {
  let indicator = child(tile, 'camera-off');
  tile.video.hidden = off;
  if (off && !indicator) {
    indicator = el('span', { class: 'camera-off' }, 'Camera off');
    tile.element.append(indicator);
  } else if (!off) {
    indicator?.remove();
  }
}

function disconnectMessage(reason: string): string {
  switch (reason) {
    case 'forceDisconnected':
      return 'A moderator removed you from the room.';
    case 'tokenRefused':
      return 'The room no longer accepts your token. Join again.';
    default:
      return 'You were disconnected from the room.';
  }
}

function mediaMessage(error: unknown): string {
  if (error instanceof MediaError || error instanceof Error) {
    return error.message;
  }
  return 'The media connection failed.';
}

/** getUserMedia's refusals are DOMExceptions with names; the lobby already explains those. */
function publishMessage(error: unknown): string {
  if (error instanceof MediaError) {
    return error.message;
  }
  return cameraMessage(error);
}
