/**
 * The lobby and its pre-call check: room name (prefilled from a /r/{room} address), display name, camera,
 * microphone and speaker (remembered in this browser), a camera preview and a live microphone level, and what to do
 * when a device is missing or refused; then Join. Plain DOM code: a few small views do not need a framework, and the
 * app stays a few kilobytes besides the media SDK.
 */
import {
  canChooseAudioOutput, loadPreferences, pickDevice, savePreferences, watchLevel, type DevicePreferences,
} from './media/devices';
import { el } from './ui/dom';
import { icon } from './ui/icons';

export { el };

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

/** What to tell the user when the microphone cannot start. */
export function microphoneMessage(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Microphone access was refused. You can still join; allow the microphone in the browser to be heard.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No microphone found. You can still join; the others will not hear you.';
    case 'NotReadableError':
      return 'The microphone is in use by another application.';
    default:
      return 'The microphone is not available in this browser.';
  }
}

export type JoinChoice = LobbyInput & { devices: DevicePreferences; moderatorKey?: string };

export type LobbyOptions = {
  room?: string;
  displayName?: string;
  message?: string;
  /** A moderator key from a host link (or remembered for a room this browser created). */
  moderatorKey?: string;
  onJoin: (input: JoinChoice) => void;
  /** Whether a room is being recorded right now; undefined when that is not known (no such room yet, no answer). */
  recordingStatus?: (room: string) => Promise<boolean | undefined>;
};

type Kind = 'videoinput' | 'audioinput' | 'audiooutput';

/** Renders the lobby into `container`; returns a function that stops the camera preview and the level meter. */
export function renderLobby(container: HTMLElement, options: LobbyOptions): () => void {
  container.replaceChildren();
  const section = el('section', { class: 'lobby', 'aria-labelledby': 'lobby-title' });
  const brand = el('p', { class: 'brand' }, 'Parley');
  const title = el('h1', { id: 'lobby-title' }, options.room ? `Join ${options.room}` : 'Join a room');

  const check = el('div', { class: 'precall' });
  const stage = el('div', { class: 'preview-box' });
  const preview = el('video', { class: 'preview', 'aria-label': 'Camera preview', muted: '', playsinline: '', autoplay: '' }) as HTMLVideoElement;
  preview.muted = true;
  const noCamera = el('div', { class: 'preview-off', 'aria-hidden': 'true' });
  noCamera.append(icon('cameraOff'));
  noCamera.hidden = true;
  stage.append(preview, noCamera);
  const meterRow = el('div', { class: 'meter-row' });
  const meterLabel = el('label', { for: 'mic-level' });
  meterLabel.append(icon('mic'), el('span', {}, 'Microphone level'));
  const meter = el('meter', { id: 'mic-level', min: '0', max: '1', low: '0.25', high: '0.85', optimum: '0.5', value: '0' }) as HTMLMeterElement;
  meterRow.append(meterLabel, meter);
  const cameraStatus = el('p', { class: 'hint device-status', id: 'camera-status', role: 'status', 'aria-live': 'polite' },
    'Starting the camera preview…');
  const micStatus = el('p', { class: 'hint device-status', id: 'microphone-status', 'aria-live': 'polite' });
  check.append(stage, meterRow, cameraStatus, micStatus);

  const form = el('form', { novalidate: '', class: 'join-form' }) as HTMLFormElement;
  const roomInput = input('room-name', 'Room name', options.room ?? '', {
    autocomplete: 'off', spellcheck: 'false', maxlength: '63', pattern: ROOM_NAME_PATTERN.source.slice(1, -1),
    'aria-describedby': 'room-name-hint',
  });
  const roomHint = el('p', { id: 'room-name-hint', class: 'hint' }, ROOM_NAME_RULE);
  const nameInput = input('display-name', 'Your name', options.displayName ?? '', {
    autocomplete: 'nickname', maxlength: String(DISPLAY_NAME_MAX),
  });
  const cameraSelect = select('camera-select', 'Camera');
  const micSelect = select('microphone-select', 'Microphone');
  const speakerSelect = select('speaker-select', 'Speaker');
  const devices = el('fieldset', { class: 'devices' });
  devices.append(el('legend', {}, 'Devices'), cameraSelect.label, cameraSelect.field, micSelect.label, micSelect.field);
  if (canChooseAudioOutput()) {
    devices.append(speakerSelect.label, speakerSelect.field);
  }
  const notices = el('div', { class: 'notices' });
  if (options.moderatorKey) {
    const host = el('p', { class: 'notice host' });
    host.append(el('strong', {}, 'Host link. '),
      'You join as a moderator of this room: you can record it, and mute or remove people.');
    notices.append(host);
  }
  const recorded = el('p', { class: 'notice', 'data-recording': 'unknown' });
  const mayBeRecorded = () => {
    recorded.classList.remove('on-air');
    recorded.dataset.recording = 'unknown';
    recorded.replaceChildren(icon('record'), ' Moderators can record this room. While it is recorded, everyone sees a ',
      'red ', el('strong', {}, 'Recording'), ' badge.');
  };
  const isRecorded = () => {
    recorded.classList.add('on-air');
    recorded.dataset.recording = 'true';
    recorded.replaceChildren(icon('record'), ' ', el('strong', {}, 'This room is being recorded.'),
      ' Your camera and microphone will be in the recording once you join.');
  };
  mayBeRecorded();
  notices.append(recorded);
  // Asked when the lobby opens for a room and whenever the room name changes; a late answer for an earlier name is dropped.
  let asked: string | undefined;
  const askRecording = (room: string | undefined) => {
    asked = room;
    if (!room || !options.recordingStatus) {
      mayBeRecorded();
      return;
    }
    void options.recordingStatus(room).then((recording) => {
      if (asked !== room) {
        return;
      }
      if (recording) {
        isRecorded();
      } else {
        mayBeRecorded();
        if (recording === false) {
          recorded.dataset.recording = 'false';
        }
      }
    }, () => undefined);
  };
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, options.message ?? '');
  const join = el('button', { type: 'submit', class: 'primary join' }, 'Join') as HTMLButtonElement;

  form.append(roomInput.label, roomInput.field, roomHint, nameInput.label, nameInput.field, devices, notices, join, status);
  const card = el('div', { class: 'lobby-card' });
  card.append(check, form);
  section.append(brand, title, card);
  container.append(section);
  (options.room ? nameInput.field : roomInput.field).focus();
  askRecording(options.room);
  roomInput.field.addEventListener('change', () => askRecording(normaliseRoomName(roomInput.field.value)));

  const preferences: DevicePreferences = loadPreferences();
  let video: MediaStream | undefined;
  let audio: MediaStream | undefined;
  let stopMeter: () => void = () => {};
  let stopped = false;

  const stopTracks = (stream: MediaStream | undefined) => stream?.getTracks().forEach((track) => track.stop());
  const stop = () => {
    stopped = true;
    stopMeter();
    stopTracks(video);
    stopTracks(audio);
    video = audio = undefined;
    preview.srcObject = null;
  };
  const mediaDevices = navigator.mediaDevices;

  const fill = async () => {
    if (!mediaDevices?.enumerateDevices) {
      return;
    }
    const all = await mediaDevices.enumerateDevices();
    const put = (target: HTMLSelectElement, kind: Kind, current: string | undefined, fallback: string) => {
      const list = all.filter((d) => d.kind === kind && d.deviceId !== '');
      target.replaceChildren(...list.map((d, index) => {
        const option = el('option', { value: d.deviceId }, d.label || `${fallback} ${index + 1}`) as HTMLOptionElement;
        return option;
      }));
      const chosen = pickDevice(list, current);
      if (chosen) {
        target.value = chosen;
      }
      target.disabled = list.length === 0;
      if (list.length === 0) {
        target.append(el('option', { value: '' }, `No ${fallback.toLowerCase()} found`));
      }
    };
    put(cameraSelect.field, 'videoinput', currentId(video) ?? preferences.videoDeviceId, 'Camera');
    put(micSelect.field, 'audioinput', currentId(audio) ?? preferences.audioDeviceId, 'Microphone');
    put(speakerSelect.field, 'audiooutput', preferences.audioOutputId, 'Speaker');
  };

  const startCamera = async (deviceId: string | undefined) => {
    stopTracks(video);
    video = undefined;
    try {
      const stream = await getMedia({ video: deviceId ? { deviceId: { exact: deviceId } } : true }, { video: true });
      if (stopped) {
        stopTracks(stream);
        return;
      }
      video = stream;
      preview.srcObject = stream;
      preview.hidden = false;
      noCamera.hidden = true;
      cameraStatus.textContent = 'Camera preview is on.';
      cameraStatus.classList.remove('problem');
    } catch (error) {
      preview.hidden = true;
      noCamera.hidden = false;
      cameraStatus.textContent = cameraMessage(error);
      cameraStatus.classList.add('problem');
    }
  };
  const startMicrophone = async (deviceId: string | undefined) => {
    stopMeter();
    stopTracks(audio);
    audio = undefined;
    try {
      const stream = await getMedia({ audio: deviceId ? { deviceId: { exact: deviceId } } : true }, { audio: true });
      if (stopped) {
        stopTracks(stream);
        return;
      }
      audio = stream;
      micStatus.textContent = 'Speak to see the level move.';
      micStatus.classList.remove('problem');
      meter.hidden = false;
      stopMeter = watchLevel(stream, (level) => {
        meter.value = level;
      });
    } catch (error) {
      micStatus.textContent = microphoneMessage(error);
      micStatus.classList.add('problem');
      meter.value = 0;
    }
  };
  /** The chosen device, or the default one when it has gone (OverconstrainedError). */
  const getMedia = async (constraints: MediaStreamConstraints, fallback: MediaStreamConstraints) => {
    try {
      return await mediaDevices.getUserMedia(constraints);
    } catch (error) {
      if (error instanceof Error && error.name === 'OverconstrainedError') {
        return mediaDevices.getUserMedia(fallback);
      }
      throw error;
    }
  };

  /** The device requests in flight: joining waits for them, so the room never opens a device the lobby is opening. */
  let starting: Promise<unknown> = Promise.resolve();
  const track = (work: Promise<unknown>) => {
    starting = Promise.allSettled([starting, work]);
    return work;
  };
  if (typeof mediaDevices?.getUserMedia === 'function') {
    void track(Promise.all([startCamera(preferences.videoDeviceId), startMicrophone(preferences.audioDeviceId)])
      .then(() => (stopped ? undefined : fill())))
      .catch(() => {});
    mediaDevices.addEventListener?.('devicechange', () => void fill().catch(() => {}));
  } else {
    preview.hidden = true;
    noCamera.hidden = false;
    cameraStatus.textContent = cameraMessage(undefined);
    micStatus.textContent = microphoneMessage(undefined);
  }

  const remember = () => {
    savePreferences({
      ...(cameraSelect.field.value ? { videoDeviceId: cameraSelect.field.value } : {}),
      ...(micSelect.field.value ? { audioDeviceId: micSelect.field.value } : {}),
      ...(speakerSelect.field.value ? { audioOutputId: speakerSelect.field.value } : {}),
    });
  };
  cameraSelect.field.addEventListener('change', () => {
    remember();
    void track(startCamera(cameraSelect.field.value || undefined));
  });
  micSelect.field.addEventListener('change', () => {
    remember();
    void track(startMicrophone(micSelect.field.value || undefined));
  });
  speakerSelect.field.addEventListener('change', remember);

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
    join.disabled = true;
    const value = checked.value;
    // At most a moment for a camera or microphone still starting; then the lobby lets go of them.
    void Promise.race([starting, new Promise((resolve) => setTimeout(resolve, 3000))]).then(() => {
      const chosen: DevicePreferences = {
        ...(currentId(video) ?? preferences.videoDeviceId ? { videoDeviceId: (currentId(video) ?? preferences.videoDeviceId) as string } : {}),
        ...(currentId(audio) ?? preferences.audioDeviceId ? { audioDeviceId: (currentId(audio) ?? preferences.audioDeviceId) as string } : {}),
        ...(speakerSelect.field.value && speakerSelect.field.value !== 'default' ? { audioOutputId: speakerSelect.field.value } : {}),
      };
      stop();
      options.onJoin({ ...value, devices: chosen, ...(options.moderatorKey ? { moderatorKey: options.moderatorKey } : {}) });
    });
  });

  return stop;
}

function currentId(stream: MediaStream | undefined): string | undefined {
  const id = stream?.getTracks()[0]?.getSettings().deviceId;
  return id || undefined;
}

function input(id: string, text: string, value: string, attributes: Record<string, string>) {
  const label = el('label', { for: id }, text);
  const field = el('input', { id, name: id, type: 'text', required: '', ...attributes }) as HTMLInputElement;
  field.value = value;
  return { label, field };
}

function select(id: string, text: string) {
  const label = el('label', { for: id }, text);
  const field = el('select', { id, name: id }) as HTMLSelectElement;
  return { label, field };
}
