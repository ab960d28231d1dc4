/**
 * The lobby: room name (prefilled from a /r/{room} address), display name and a camera preview, then Join.
 * Plain DOM code: two small views do not need a framework, and the app stays a few kilobytes besides the media SDK.
 */

/** The server's rule for room names (io.parley.rooms.RoomName), applied after lower-casing. */
export const ROOM_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const ROOM_NAME_RULE = 'A room name is 1 to 63 letters, digits or hyphens, starting with a letter or digit.';
export const DISPLAY_NAME_MAX = 64;

/** Room names are case-insensitive; surrounding spaces are dropped. Returns undefined when the name is not valid. */
export function normaliseRoomName(raw: string): string | undefined {
  const name = raw.trim().toLowerCase();
  return ROOM_NAME_PATTERN.test(name) ? name : undefined;
}

/** The room named by an address like /r/standup (or /r/Standup/), or undefined for any other path. */
export function roomFromPath(pathname: string): string | undefined {
  const match = /^\/r\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1]) {
    return undefined;
  }
  let segment: string;
  try {
    segment = decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
  return normaliseRoomName(segment);
}

export function roomPath(room: string): string {
  return `/r/${encodeURIComponent(room)}`;
}

export type LobbyInput = { room: string; displayName: string };

/** Checks what the user typed; returns the normalised input or the message to show next to the field. */
export function validateLobby(roomRaw: string, displayNameRaw: string):
  | { ok: true; value: LobbyInput }
  | { ok: false; field: 'room' | 'displayName'; message: string } {
  const room = normaliseRoomName(roomRaw);
  if (room === undefined) {
    return { ok: false, field: 'room', message: ROOM_NAME_RULE };
  }
  const displayName = displayNameRaw.trim();
  if (displayName === '') {
    return { ok: false, field: 'displayName', message: 'Enter the name the others will see.' };
  }
  if (displayName.length > DISPLAY_NAME_MAX) {
    return { ok: false, field: 'displayName', message: `A display name is at most ${DISPLAY_NAME_MAX} characters.` };
  }
  return { ok: true, value: { room, displayName } };
}

/** What to tell the user when the camera preview cannot start. */
export function cameraMessage(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Camera access was refused. You can still join; allow the camera in the browser to be seen.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera found. You can still join and watch and listen to the others.';
    case 'NotReadableError':
      return 'The camera is in use by another application.';
    default:
      return 'The camera preview is not available in this browser.';
  }
}

export type LobbyOptions = {
  room?: string;
  displayName?: string;
  message?: string;
  onJoin: (input: LobbyInput) => void;
};

/** Renders the lobby into `container`; returns a function that stops the camera preview. */
export function renderLobby(container: HTMLElement, options: LobbyOptions): () => void {
  container.replaceChildren();
  const section = el('section', { class: 'lobby', 'aria-labelledby': 'lobby-title' });
  const title = el('h1', { id: 'lobby-title' }, 'Join a room');

  const form = el('form', { novalidate: '' }) as HTMLFormElement;
  const roomInput = input('room-name', 'Room name', options.room ?? '', {
    autocomplete: 'off', spellcheck: 'false', maxlength: '63', pattern: ROOM_NAME_PATTERN.source.slice(1, -1),
    'aria-describedby': 'room-name-hint',
  });
  const roomHint = el('p', { id: 'room-name-hint', class: 'hint' }, ROOM_NAME_RULE);
  const nameInput = input('display-name', 'Your name', options.displayName ?? '', {
    autocomplete: 'nickname', maxlength: String(DISPLAY_NAME_MAX),
  });

  const preview = el('video', { class: 'preview', 'aria-label': 'Camera preview', muted: '', playsinline: '', autoplay: '' }) as HTMLVideoElement;
  preview.muted = true;
  const cameraStatus = el('p', { class: 'hint', role: 'status', 'aria-live': 'polite' }, 'Starting the camera preview…');
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, options.message ?? '');
  const join = el('button', { type: 'submit' }, 'Join');

  form.append(roomInput.label, roomInput.field, roomHint, nameInput.label, nameInput.field, preview, cameraStatus, join, status);
  section.append(title, form);
  container.append(section);
  (options.room ? nameInput.field : roomInput.field).focus();

  let stream: MediaStream | undefined;
  let stopped = false;
  const stop = () => {
    stopped = true;
    stream?.getTracks().forEach((track) => track.stop());
    stream = undefined;
    preview.srcObject = null;
  };

  if (navigator.mediaDevices?.getUserMedia) {
    navigator.mediaDevices.getUserMedia({ video: true, audio: false }).then(
      (media) => {
        if (stopped) {
          media.getTracks().forEach((track) => track.stop());
          return;
        }
        stream = media;
        preview.srcObject = media;
        cameraStatus.textContent = 'Camera preview is on.';
      },
      (error: unknown) => {
        preview.hidden = true;
        cameraStatus.textContent = cameraMessage(error);
      },
    );
  } else {
    preview.hidden = true;
    cameraStatus.textContent = cameraMessage(undefined);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const checked = validateLobby(roomInput.field.value, nameInput.field.value);
    roomInput.field.removeAttribute('aria-invalid');
    nameInput.field.removeAttribute('aria-invalid');
    if (!checked.ok) {
      const field = checked.field === 'room' ? roomInput.field : nameInput.field;
      field.setAttribute('aria-invalid', 'true');
      status.textContent = checked.message;
      field.focus();
      return;
    }
    stop();
    options.onJoin(checked.value);
  });

  return stop;
}

function input(id: string, text: string, value: string, attributes: Record<string, string>) {
  const label = el('label', { for: id }, text);
  const field = el('input', { id, name: id, type: 'text', required: '', ...attributes }) as HTMLInputElement;
  field.value = value;
  return { label, field };
}

/** Creates an element with attributes and optional text. */
export function el(tag: string, attributes: Record<string, string> = {}, text?: string): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, value);
  }
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}
