import './style.css';
import { api } from './api/client';
import { directEntryFromHash, type DirectEntry } from './directLink';
import { renderLobby, roomFromPath, roomPath, type LobbyInput } from './lobby';
import { enterRoom } from './room';

const app = document.querySelector<HTMLElement>('[data-parley-app]');
if (!app) {
  throw new Error('index.html has no [data-parley-app] element');
}
const root: HTMLElement = app;

let leaveCurrent: (() => Promise<void>) | undefined;
let stopPreview: (() => void) | undefined;

function showLobby(prefill: Partial<LobbyInput> & { message?: string } = {}) {
  leaveCurrent = undefined;
  document.title = 'Parley';
  stopPreview = renderLobby(root, { ...prefill, onJoin: showRoom });
}

function showRoom(input: LobbyInput) {
  stopPreview?.();
  stopPreview = undefined;
  if (location.pathname !== roomPath(input.room)) {
    history.pushState(null, '', roomPath(input.room));
  }
  leaveCurrent = enterRoom(root, {
    api,
    ...input,
    onLeave: (message) => showLobby({ ...input, ...(message ? { message } : {}) }),
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
