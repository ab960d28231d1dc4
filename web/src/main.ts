import './style.css';
import { api } from './api/client';
import { directEntryFromHash, type DirectEntry } from './directLink';
import { renderLobby, roomFromPath, roomPath, type JoinChoice, type LobbyInput } from './lobby';
import { hostKeyFromHash } from './room/invite';
import { enterRoom } from './room/room';

const app = document.querySelector<HTMLElement>('[data-parley-app]');
if (!app) {
  throw new Error('index.html has no [data-parley-app] element');
}
const root: HTMLElement = app;

let leaveCurrent: (() => Promise<void>) | undefined;
let stopPreview: (() => void) | undefined;

/** The moderator keys of rooms this browser created or was given a host link for, so a host stays host on rejoining. */
const HOST_KEYS = 'parley.hostKeys';
function hostKeys(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(HOST_KEYS) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}
function rememberHostKey(room: string, key: string) {
  try {
    localStorage.setItem(HOST_KEYS, JSON.stringify({ ...hostKeys(), [room]: key }));
  } catch {
    // storage refused: the host link still works
  }
}

function showLobby(prefill: Partial<LobbyInput> & { message?: string } = {}) {
  leaveCurrent = undefined;
  document.title = 'Parley';
  const fromLink = hostKeyFromHash(location.hash);
  if (fromLink && prefill.room) {
    rememberHostKey(prefill.room, fromLink);
    // The key has served its purpose in the address bar; it stays out of history and screenshots.
    history.replaceState(null, '', location.pathname);
  }
  const moderatorKey = prefill.room ? hostKeys()[prefill.room] : undefined;
  stopPreview = renderLobby(root, {
    ...prefill, ...(moderatorKey ? { moderatorKey } : {}), onJoin: showRoom, recordingStatus,
  });
}

/** GET /api/v1/rooms/{name}/status: undefined for a room that does not exist yet, or when the server does not say. */
async function recordingStatus(room: string): Promise<boolean | undefined> {
  const { data } = await api.GET('/api/v1/rooms/{name}/status', { params: { path: { name: room } } });
  return data?.recording;
}

function showRoom(input: JoinChoice) {
  stopPreview?.();
  stopPreview = undefined;
  if (location.pathname !== roomPath(input.room)) {
    history.pushState(null, '', roomPath(input.room));
  }
  const moderatorKey = input.moderatorKey ?? hostKeys()[input.room];
  leaveCurrent = enterRoom(root, {
    api,
    room: input.room,
    displayName: input.displayName,
    devices: input.devices,
    ...(moderatorKey ? { moderatorKey } : {}),
    onModeratorKey: rememberHostKey,
    onLeave: (message) => showLobby({ room: input.room, displayName: input.displayName, ...(message ? { message } : {}) }),
  });
}

/** A direct link (credentials in the fragment) goes straight into the session, without the lobby or the join API. */
function showDirectRoom(entry: DirectEntry) {
  leaveCurrent = enterRoom(root, {
    ...entry,
    api,
    onLeave: (message) => {
      // The token has served; leaving should not leave it in the address bar.
      history.replaceState(null, '', location.pathname);
      showLobby({ ...(entry.room ? { room: entry.room } : {}), ...(message ? { message } : {}) });
    },
  });
}

// Back/forward: leave the room if in one, and show the lobby for the address now shown.
window.addEventListener('popstate', () => {
  const room = roomFromPath(location.pathname);
  if (leaveCurrent) {
    void leaveCurrent();
    return;
  }
  stopPreview?.();
  showLobby(room ? { room } : {});
});

const direct = directEntryFromHash(location.hash);
const initialRoom = roomFromPath(location.pathname);
if (direct) {
  showDirectRoom(direct);
} else {
  showLobby(initialRoom ? { room: initialRoom } : {});
}
