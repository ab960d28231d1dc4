/**
 * The room: joins (or takes direct credentials), connects the media session, and shows one tile per stream in a
 * layout that fills the page (grid, speaker view, screen share in focus), with the call controls in a toolbar, side
 * panels for participants (moderation), chat, invites and archives, toasts for what happens, and a banner while the
 * connection is being restored. What the session can do comes from its capabilities, never from its platform's name.
 * Returns a function that leaves the room.
 */
import type { Api } from '../api/client';
import { problemMessage } from '../api/problem';
import type { Role } from '../directLink';
import { cameraMessage } from '../lobby';
import {
  isPlatform, MediaError, openMediaSession, type MediaSession, type RemoteStream, type SessionCredentials,
} from '../media';
import { applyAudioOutput, type DevicePreferences } from '../media/devices';
import { button, el, iconButton, type IconButton } from '../ui/dom';
import { icon, type IconName } from '../ui/icons';
import type { Panel } from '../ui/panel';
import { Toasts } from '../ui/toasts';
import { installTooltips } from '../ui/tooltip';
import { archivesView, type ArchivesView } from './archives';
import { CHAT_SIGNAL, NOTICE_SIGNAL, createChat, decodeChat, encodeChat, type Chat } from './chat';
import { createInvite } from './invite';
import { bestGrid, chooseLayout, stripSide, type LayoutMode } from './layout';
import { createParticipants, streamsToMute, type Participants, type Person } from './participants';
import { gradeQuality, LossTracker } from './quality';
import { createRecording } from './recording';
import { SpeakerDetector } from './speaker';
import {
  addPinButton, createTile, setAudioIndicator, setQuality, setSpeaking, setVideoIndicator, showPinned, type Tile,
} from './tiles';

/** How the room gets its session: through the join endpoint, or with credentials given directly (a direct link). */
export type RoomEntry =
  | { api: Api; room: string; moderatorKey?: string }
  | { credentials: SessionCredentials; role: Role; room?: string; api?: Api };

export type RoomOptions = RoomEntry & {
  displayName: string;
  /** The lobby's camera, microphone and speaker. */
  devices?: DevicePreferences;
  /** Called after Leave (or when the session ends), with a message for the lobby if there is one. */
  onLeave: (message?: string) => void;
  /** Chooses the media implementation; replaceable in tests. */
  openMedia?: (credentials: SessionCredentials) => Promise<MediaSession>;
  /** Remembers the room's moderator key when the join returns one (the room's creator). */
  onModeratorKey?: (room: string, key: string) => void;
};

/** Speaking rings follow audio levels this often. */
const LEVELS_INTERVAL_MS = 700;
/**
 * A full getStats() report per peer connection (losses, round trips, the own microphone's level) every other tick of
 * this, or every tick while some remote stream's level can only come from the report (the router does not forward
 * the audio-level header extension). Four Chromiums on two cores showed that a report per link every 700 ms delays
 * decoding.
 */
const STATS_TICK_MS = 1400;

export function enterRoom(container: HTMLElement, options: RoomOptions): () => Promise<void> {
  const { displayName } = options;
  const room = options.room;
  const where = room ?? 'the room';
  container.replaceChildren();
  document.title = room ? `${room} · Parley` : 'Parley';

  const section = el('section', { class: 'room', 'aria-labelledby': 'room-title' });
  const header = el('header', { class: 'room-header' });
  const title = el('h1', { id: 'room-title' }, room ? `Room ${room}` : 'Room');
  const count = el('span', { class: 'people-count' });
  const status = el('p', { class: 'status sr-only', role: 'status', 'aria-live': 'polite' }, `Joining ${where}…`);
  const alert = el('div', { class: 'alert', role: 'alert' });
  const alertText = el('span', { class: 'alert-text' });
  const dismiss = el('button', { type: 'button', class: 'icon-only', 'aria-label': 'Dismiss' });
  dismiss.append(icon('close'));
  dismiss.addEventListener('click', () => {
    alert.hidden = true;
  });
  alert.append(alertText, dismiss);
  alert.hidden = true;
  const banner = el('div', { class: 'banner', 'aria-hidden': 'true' }, 'Reconnecting…');
  banner.hidden = true;
  const toasts = new Toasts();

  const recording = createRecording({
    room,
    announce: (message) => announce(message),
    toast: (message) => toasts.show(message),
    showError: (message) => showError(message),
    clearError: (prefix) => {
      if (alertText.textContent?.startsWith(prefix)) {
        alert.hidden = true;
      }
    },
  });
  header.append(title, recording.badge, count);

  const body = el('div', { class: 'room-body' });
  const grid = el('div', { class: 'grid', role: 'region', 'aria-label': 'Participants' });
  grid.dataset.layout = 'grid';
  const side = el('div', { class: 'side' });
  body.append(grid, side);

  const controls = el('div', { class: 'controls', role: 'toolbar', 'aria-label': 'Call controls' });
  const mainTools = el('div', { class: 'tools-main' });
  const sideTools = el('div', { class: 'tools-side' });
  const microphone = iconButton('Mute microphone', 'mic', 'M');
  const camera = iconButton('Turn camera off', 'camera', 'V');
  const share = iconButton('Share screen', 'screen', 'D');
  const layoutToggle = iconButton('Speaker view', 'speaker', 'G');
  layoutToggle.setAttribute('aria-pressed', 'false');
  const leave = iconButton('Leave', 'leave', undefined, 'tool leave');
  microphone.disabled = camera.disabled = share.disabled = true;
  mainTools.append(microphone, camera, share, layoutToggle);
  controls.append(mainTools, sideTools, leave);
  // The status line comes first: it is the room's one announcement region (toasts repeat it visually).
  section.append(status, header, banner, alert, body, controls, toasts.element);
  container.append(section);
  const removeTooltips = installTooltips(section);

  let media: MediaSession | undefined;
  let left = false;
  let role: Role | undefined;
  let audioMuted = false;
  let videoMuted = false;
  let sharing = false;
  let layoutMode: LayoutMode = 'auto';
  let pinned: string | undefined;
  let activeSpeaker: string | undefined;
  /** Who the platform says speaks, once it says so: it then outranks the page's own judgement from levels. */
  let platformSpeaker: string | undefined;
  const tiles = new Map<string, Tile>();
  const pins = new Map<string, { button: HTMLButtonElement; person: string }>();
  const people = new Map<string, Person>();
  const speakers = new SpeakerDetector();
  const losses = new LossTracker();
  let levelsTimer: ReturnType<typeof setInterval> | undefined;
  let qualityTimer: ReturnType<typeof setInterval> | undefined;
  let ownLevel: number | undefined;
  /** Levels from the last full report, for the streams whose receivers report none. */
  let reportedLevels = new Map<string, number>();
  let levelsMissing = false;
  let statsTick = 0;
  let archives: ArchivesView | undefined;
  let participants: Participants | undefined;
  let chat: Chat | undefined;
  /** The side panels, by the toolbar button that opens each. */
  const panels: { panel: Panel | ArchivesView; toggle: IconButton; opened?: () => void }[] = [];

  const announce = (message: string, toast = true) => {
    status.textContent = message;
    if (toast) {
      toasts.show(message);
    }
  };
  const showError = (message: string) => {
    alertText.textContent = message;
    alert.hidden = false;
  };

  // --- layout ---

  const relayout = () => {
    const keys = [...tiles.keys()];
    const layout = chooseLayout({
      mode: layoutMode, tiles: keys, screens: keys.filter((k) => tiles.get(k)?.screen),
      ...(pinned ? { pinned } : {}), ...(activeSpeaker ? { activeSpeaker } : {}), self: 'self',
    });
    const focus = layout.kind === 'grid' || keys.length < 2 ? undefined : layout.focus;
    grid.dataset.layout = focus ? layout.kind : 'grid';
    grid.dataset.count = String(tiles.size);
    for (const [key, tile] of tiles) {
      tile.element.classList.toggle('focus', key === focus);
    }
    const width = grid.clientWidth || window.innerWidth;
    const height = grid.clientHeight || window.innerHeight;
    if (focus) {
      grid.dataset.strip = stripSide(width, height);
      grid.style.setProperty('--strip', String(Math.max(1, tiles.size - 1)));
    } else {
      delete grid.dataset.strip;
      const fit = bestGrid(tiles.size, width, height, pictureAspect());
      grid.style.setProperty('--cols', String(fit.columns));
      grid.style.setProperty('--rows', String(fit.rows));
    }
  };
  /** The cameras' shape as they arrive (4:3 from the embedded client, often 16:9 elsewhere); 16:9 until known. */
  const pictureAspect = () => {
    const shapes = [...grid.querySelectorAll('video')]
      .filter((v) => v.videoWidth > 0 && v.videoHeight > 0)
      .map((v) => v.videoWidth / v.videoHeight);
    return shapes.length > 0 ? shapes.reduce((a, b) => a + b) / shapes.length : 16 / 9;
  };
  // A picture's size is known once it plays.
  grid.addEventListener('loadedmetadata', () => relayout(), true);
  grid.addEventListener('resize', () => relayout(), true);
  const resizeObserver = typeof ResizeObserver === 'function' ? new ResizeObserver(() => relayout()) : undefined;
  resizeObserver?.observe(grid);

  const togglePin = (key: string) => {
    pinned = pinned === key ? undefined : key;
    for (const [k, pin] of pins) {
      showPinned(pin.button, pin.person, k === pinned);
    }
    relayout();
  };
  layoutToggle.addEventListener('click', () => {
    // Off again is the automatic layout: the grid, with a shared screen in focus when there is one.
    layoutMode = layoutMode === 'speaker' ? 'auto' : 'speaker';
    layoutToggle.setAttribute('aria-pressed', String(layoutMode === 'speaker'));
    if (layoutMode === 'auto' && pinned) {
      togglePin(pinned);
    }
    relayout();
    announce(layoutMode === 'speaker' ? 'Speaker view.' : 'Grid view.', false);
  });

  // --- tiles ---

  const addTile = (key: string, label: string, visibleName: string,
    extra: { streamId?: string; screen?: boolean; self?: boolean; person: string }): Tile => {
    removeTile(key);
    const tile = createTile(key, label, visibleName, extra);
    if (extra.self) {
      tile.element.classList.add('self');
    }
    if (!extra.screen) {
      pins.set(key, { button: addPinButton(tile, extra.person, () => togglePin(key)), person: extra.person });
    }
    grid.append(tile.element);
    tiles.set(key, tile);
    relayout();
    return tile;
  };
  const removeTile = (key: string) => {
    tiles.get(key)?.element.remove();
    tiles.delete(key);
    pins.delete(key);
    speakers.forget(key);
    losses.forget(key);
    if (pinned === key) {
      pinned = undefined;
    }
    if (activeSpeaker === key) {
      activeSpeaker = undefined;
    }
    if (platformSpeaker === key) {
      platformSpeaker = undefined;
    }
    relayout();
  };

  // --- people ---

  const renderPeople = () => {
    const total = people.size + 1;
    count.textContent = total === 1 ? 'Only you' : `${total} people`;
    participants?.render({ name: displayName, audioMuted, videoMuted, role }, [...people.values()]);
  };
  const personOf = (connectionId: string, name?: string): Person => {
    let person = people.get(connectionId);
    if (!person) {
      person = { connectionId, name: name ?? 'Guest', screens: 0 };
      people.set(connectionId, person);
    } else if (name) {
      person.name = name;
    }
    return person;
  };
  const nameOf = (connectionId: string) => people.get(connectionId)?.name ?? 'Someone';

  // --- leaving ---

  const onKey = (event: KeyboardEvent) => shortcut(event);
  const leaveRoom = async (message?: string) => {
    if (left) {
      return;
    }
    left = true;
    archives?.dispose();
    recording.dispose();
    clearInterval(levelsTimer);
    clearInterval(qualityTimer);
    resizeObserver?.disconnect();
    document.removeEventListener('keydown', onKey);
    removeTooltips();
    const session = media;
    media = undefined;
    try {
      await session?.disconnect();
    } finally {
      options.onLeave(message);
    }
  };
  leave.addEventListener('click', () => void leaveRoom());

  // --- own microphone, camera, screen ---

  // The buttons' names say what a click does; the tiles' indicators show the state.
  const showAudioMuted = (muted: boolean) => {
    audioMuted = muted;
    microphone.setLabel(muted ? 'Unmute microphone' : 'Mute microphone', muted ? 'micOff' : 'mic');
    microphone.classList.toggle('off', muted);
    const self = tiles.get('self');
    if (self) {
      setAudioIndicator(self, muted);
    }
    renderPeople();
  };
  microphone.addEventListener('click', () => {
    const muted = !audioMuted;
    media?.setAudioEnabled(!muted);
    showAudioMuted(muted);
    announce(muted ? 'Your microphone is muted.' : 'Your microphone is on.', false);
  });
  camera.addEventListener('click', () => {
    videoMuted = !videoMuted;
    media?.setVideoEnabled(!videoMuted);
    camera.setLabel(videoMuted ? 'Turn camera on' : 'Turn camera off', videoMuted ? 'cameraOff' : 'camera');
    camera.classList.toggle('off', videoMuted);
    const self = tiles.get('self');
    if (self) {
      setVideoIndicator(self, videoMuted);
    }
    renderPeople();
    announce(videoMuted ? 'Your camera is off.' : 'Your camera is on.', false);
  });

  const sharingStopped = () => {
    sharing = false;
    removeTile('self-screen');
    share.setLabel('Share screen');
    share.classList.remove('active');
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
    share.setLabel('Stop sharing');
    share.classList.add('active');
    const tile = addTile('self-screen', `${displayName} (screen)`, `${displayName} (your screen)`,
      { screen: true, self: true, person: displayName });
    session.shareScreen(tile.video, { name: displayName }).then(
      () => announce('You are sharing your screen.'),
      (e: unknown) => {
        sharingStopped();
        showError(`Could not share your screen: ${mediaMessage(e)}`);
      },
    );
  });

  // --- remote streams ---

  const addRemote = (session: MediaSession, stream: RemoteStream) => {
    const screen = stream.videoType === 'screen';
    const label = screen ? `${stream.name} (screen)` : stream.name;
    const person = personOf(stream.connectionId, stream.name);
    if (screen) {
      person.screens += 1;
    } else {
      person.camera = stream;
    }
    const tile = addTile(stream.streamId, label, label, { streamId: stream.streamId, screen, person: stream.name });
    setAudioIndicator(tile, stream.audioMuted);
    setVideoIndicator(tile, stream.videoMuted);
    if (!screen && role === 'MODERATOR' && session.capabilities.moderation && session.forceMute && session.forceDisconnect) {
      tile.actions.append(...moderatorActions(stream));
    }
    renderPeople();
    announce(screen ? `${stream.name} is sharing their screen.` : `${stream.name} joined.`);
    session.subscribe(stream, tile.video).then(
      () => tile.video.querySelectorAll('video').forEach((v) => applyAudioOutput(v, options.devices?.audioOutputId)),
      (e: unknown) => showError(mediaMessage(e)),
    );
  };
  const forceMute = (stream: RemoteStream) =>
    (media?.forceMute?.(stream.streamId) ?? Promise.resolve())
      .catch((e: unknown) => showError(`Could not mute ${stream.name}: ${mediaMessage(e)}`));
  const forceDisconnect = (connectionId: string, name: string) =>
    (media?.forceDisconnect?.(connectionId) ?? Promise.resolve())
      .catch((e: unknown) => showError(`Could not remove ${name}: ${mediaMessage(e)}`));
  const moderatorActions = (stream: RemoteStream) => {
    const mute = button(`Mute ${stream.name}`, { class: 'tile-action' });
    mute.prepend(icon('micOff'));
    const remove = button(`Remove ${stream.name}`, { class: 'tile-action danger' });
    remove.prepend(icon('close'));
    mute.addEventListener('click', () => void forceMute(stream));
    remove.addEventListener('click', () => void forceDisconnect(stream.connectionId, stream.name));
    return [mute, remove];
  };
  const muteEveryone = async () => {
    const streams = streamsToMute(people.values());
    const results = await Promise.allSettled(streams.map((s) => media?.forceMute?.(s.streamId)));
    const failed = results.filter((r) => r.status === 'rejected').length;
    const done = streams.length - failed;
    if (failed > 0) {
      showError(`Could not mute ${failed} of ${streams.length}.`);
    }
    announce(done === 1 ? 'Muted 1 person.' : `Muted ${done} people.`);
  };

  // --- panels ---

  const addPanel = (view: Panel | ArchivesView, name: string, iconName: IconName, shortcut: string | undefined,
    opened?: () => void) => {
    const toggle = iconButton(name, iconName, shortcut);
    view.element.id ||= `panel-${name.toLowerCase()}`;
    toggle.setAttribute('aria-controls', view.element.id);
    toggle.setAttribute('aria-expanded', 'false');
    const entry = { panel: view, toggle, ...(opened ? { opened } : {}) };
    panels.push(entry);
    toggle.addEventListener('click', () => openPanel(isOpen(entry.panel) ? undefined : entry.panel));
    sideTools.append(toggle);
    side.append(view.element);
    return toggle;
  };
  const isOpen = (view: Panel | ArchivesView) => ('open' in view ? view.open : !view.element.hidden);
  const openPanel = (view: Panel | ArchivesView | undefined) => {
    for (const entry of panels) {
      const open = entry.panel === view;
      if ('show' in entry.panel) {
        if (open && !entry.panel.open) {
          entry.panel.show();
        } else if (!open && entry.panel.open) {
          entry.panel.hide();
        }
      } else {
        entry.panel.element.hidden = !open;
      }
      entry.toggle.setAttribute('aria-expanded', String(open));
      entry.toggle.classList.toggle('active', open);
      if (open) {
        entry.opened?.();
      }
    }
    section.classList.toggle('with-side', view !== undefined);
    // The grid's box changed size.
    relayout();
  };
  const closePanels = () => openPanel(undefined);

  const offerPanels = (session: MediaSession, access: { api: Api; sessionId: string; token: string } | undefined,
    moderatorKey: string | undefined) => {
    const moderator = role === 'MODERATOR';
    const canModerate = moderator && session.capabilities.moderation && !!session.forceMute && !!session.forceDisconnect;
    participants = createParticipants('participants', closePanels, canModerate ? {
      mute: (stream) => forceMute(stream),
      remove: (person) => forceDisconnect(person.connectionId, person.name),
    } : undefined, () => void muteEveryone());
    addPanel(participants.panel, 'Participants', 'people', 'P');
    renderPeople();
    if (session.capabilities.signals && session.signal) {
      const signal = session.signal.bind(session);
      let chatToggle: IconButton | undefined;
      const current = createChat('chat', closePanels, (text) => signal(CHAT_SIGNAL, encodeChat(text))
        .catch((e: unknown) => {
          showError(`Your message was not sent: ${mediaMessage(e)}`);
          throw e;
        }), (unread) => {
        if (!chatToggle) {
          return;
        }
        chatToggle.querySelector('.badge')?.remove();
        chatToggle.dataset.unread = String(unread);
        if (unread > 0) {
          chatToggle.append(el('span', { class: 'badge', 'aria-hidden': 'true' }, unread > 9 ? '9+' : String(unread)));
        }
      });
      chat = current;
      chatToggle = addPanel(current.panel, 'Chat', 'chat', 'C', () => current.opened());
      chatToggle.dataset.unread = '0';
    }
    if (room) {
      addPanel(createInvite('invite', room, moderator ? moderatorKey : undefined, closePanels,
        (message) => announce(message)), 'Invite', 'link', 'I');
    }
    if (access) {
      recording.offer(access, moderator);
      if (recording.button) {
        mainTools.append(recording.button);
      }
      archives = archivesView(access, 2000, closePanels);
      addPanel(archives, 'Archives', 'archive', undefined);
    }
  };

  // --- keyboard shortcuts ---

  const shortcut = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) {
      return;
    }
    const target = event.target as HTMLElement | null;
    if (event.key === 'Escape') {
      // Also from the chat's input: Escape closes the panel, and focus goes back to the toolbar.
      const open = panels.find((p) => isOpen(p.panel));
      if (open) {
        closePanels();
        open.toggle.focus();
      }
      return;
    }
    if (target?.closest('input, textarea, select, [contenteditable="true"]')) {
      return;
    }
    const byKey: Record<string, HTMLButtonElement | undefined> = {
      m: microphone, v: camera, d: share, g: layoutToggle,
      p: panels.find((p) => p.panel.element.id === 'participants')?.toggle,
      c: panels.find((p) => p.panel.element.id === 'chat')?.toggle,
      i: panels.find((p) => p.panel.element.id === 'invite')?.toggle,
    };
    const action = byKey[event.key.toLowerCase()];
    if (action && !action.disabled && !action.hidden) {
      event.preventDefault();
      action.click();
    }
  };
  document.addEventListener('keydown', onKey);

  // --- audio levels and connection quality ---

  const isMuted = (key: string) => (key === 'self' ? audioMuted : tiles.get(key)?.element.classList.contains('audio-muted'));

  const showLevels = (levels: Map<string, number>) => {
    const { speaking, active } = speakers.update(levels, performance.now());
    for (const [key, tile] of tiles) {
      setSpeaking(tile, speaking.has(key));
    }
    showActiveSpeaker(platformSpeaker ?? active);
  };

  const showActiveSpeaker = (key: string | undefined) => {
    if (key !== activeSpeaker) {
      activeSpeaker = key;
      grid.dataset.activeSpeaker = key ?? '';
      for (const [tileKey, tile] of tiles) {
        tile.element.classList.toggle('active-speaker', tileKey === key);
        tile.element.dataset.activeSpeaker = String(tileKey === key);
      }
      relayout();
    }
  };

  /** The cheap path: remote levels from the platform, the own level from the last full report. */
  const sampleLevels = (session: MediaSession) => {
    if (!session.remoteAudioLevels || left || document.hidden) {
      return;
    }
    const levels = new Map<string, number>();
    const cheap = session.remoteAudioLevels();
    let missing = false;
    for (const key of tiles.keys()) {
      if (key === 'self' || isMuted(key)) {
        continue;
      }
      const level = cheap.get(key) ?? reportedLevels.get(key);
      if (!cheap.has(key)) {
        missing = true;
      }
      if (level !== undefined) {
        levels.set(key, level);
      }
    }
    levelsMissing = missing;
    if (ownLevel !== undefined && tiles.has('self') && !audioMuted) {
      levels.set('self', ownLevel);
    }
    showLevels(levels);
  };

  const sampleStats = async (session: MediaSession) => {
    if (!session.mediaStats || left || document.hidden) {
      return;
    }
    let stats;
    try {
      stats = await session.mediaStats();
    } catch {
      return;
    }
    const levels = new Map<string, number>();
    for (const stat of stats) {
      const key = stat.key === 'local' ? 'self' : stat.key;
      if (key === 'self') {
        ownLevel = stat.audioLevel;
      }
      const level = Math.max(stat.audioLevel ?? 0, stat.audioLevelSinceLast ?? 0);
      if (stat.audioLevel !== undefined || stat.audioLevelSinceLast !== undefined) {
        levels.set(key, level);
      }
      const tile = tiles.get(key);
      if (!tile) {
        continue;
      }
      // Remote tiles only: what the router reports back about this client's own sending is too coarse to grade.
      if (session.capabilities.connectionQuality && key !== 'self') {
        setQuality(tile, gradeQuality(losses.lossFraction(key, stat), stat.roundTripTimeMs));
      }
    }
    for (const key of [...levels.keys()]) {
      if (!tiles.has(key) || isMuted(key)) {
        levels.delete(key);
      }
    }
    if (session.remoteAudioLevels) {
      reportedLevels = levels;
    }
    // Also between the cheap samples: the report's interval level catches what a sample at one moment missed.
    showLevels(levels);
  };

  /** Full reports: every tick while some level needs them (or the platform has no cheaper one), else every other. */
  const onStatsTick = (session: MediaSession) => {
    statsTick++;
    if (!session.remoteAudioLevels || levelsMissing || statsTick % 2 === 0) {
      void sampleStats(session);
    }
  };

  // --- session events ---

  const watch = (session: MediaSession) => {
    session.on('archiveStarted', ({ archiveId }) => {
      recording.started(archiveId);
      archives?.refresh();
    });
    session.on('archiveStopped', ({ archiveId }) => {
      recording.stopped(archiveId);
      archives?.refresh();
    });
    session.on('connectionCreated', ({ connectionId, name }) => {
      personOf(connectionId, name);
      renderPeople();
    });
    session.on('connectionDestroyed', ({ connectionId }) => {
      people.delete(connectionId);
      renderPeople();
    });
    session.on('streamCreated', ({ stream }) => addRemote(session, stream));
    session.on('streamDestroyed', ({ stream }) => {
      removeTile(stream.streamId);
      const person = people.get(stream.connectionId);
      if (person?.camera?.streamId === stream.streamId) {
        delete person.camera;
      } else if (person && stream.videoType === 'screen') {
        person.screens = Math.max(0, person.screens - 1);
      }
      renderPeople();
      announce(stream.videoType === 'screen' ? `${stream.name} stopped sharing.` : `${stream.name} left.`);
    });
    session.on('streamPropertyChanged', ({ streamId, property, value }) => {
      const tile = tiles.get(streamId);
      if (tile) {
        (property === 'audioMuted' ? setAudioIndicator : setVideoIndicator)(tile, value);
      }
      for (const person of people.values()) {
        if (person.camera?.streamId === streamId) {
          person.camera = { ...person.camera, [property]: value };
        }
      }
      renderPeople();
    });
    session.on('activeSpeaker', ({ streamId, self }) => {
      const key = self ? 'self' : streamId;
      if (tiles.has(key)) {
        platformSpeaker = key;
        showActiveSpeaker(key);
      }
    });
    session.on('forceMuted', () => {
      showAudioMuted(true);
      announce('A moderator muted your microphone.');
    });
    session.on('screenShareStopped', () => {
      if (sharing) {
        sharingStopped();
        announce('You stopped sharing your screen.');
      }
    });
    session.on('signal', ({ signalType, data, from }) => {
      if (signalType === NOTICE_SIGNAL) {
        const notice = decodeChat(data);
        if (notice !== undefined) {
          announce(notice);
        }
        return;
      }
      if (signalType !== CHAT_SIGNAL || !chat) {
        return;
      }
      const text = decodeChat(data);
      if (text === undefined) {
        return;
      }
      const name = nameOf(from);
      chat.receive(name, text);
      if (chat.panel.element.hidden) {
        toasts.show(`${name}: ${text.length > 80 ? `${text.slice(0, 80)}…` : text}`);
      }
    });
    session.on('reconnecting', () => {
      banner.hidden = false;
      section.classList.add('reconnecting');
      announce('The connection dropped. Reconnecting…', false);
    });
    session.on('reconnected', () => {
      banner.hidden = true;
      section.classList.remove('reconnecting');
      announce(`You are back in ${where}.`);
    });
    session.on('disconnected', ({ reason }) => {
      if (!left) {
        void leaveRoom(disconnectMessage(reason));
      }
    });
  };

  // --- joining ---

  const credentialsFor = async (): Promise<{ credentials: SessionCredentials; role: Role; moderatorKey?: string }
    | undefined> => {
    if ('credentials' in options) {
      return { credentials: options.credentials, role: options.role };
    }
    let joined;
    try {
      joined = await options.api.POST('/api/v1/rooms/{name}/join', {
        params: { path: { name: options.room } },
        body: { displayName, ...(options.moderatorKey ? { moderatorKey: options.moderatorKey } : {}) },
      });
    } catch {
      announce('Could not join.', false);
      showError(problemMessage(undefined));
      return undefined;
    }
    const { data, error, response } = joined;
    if (error !== undefined || data === undefined) {
      announce('Could not join.', false);
      showError(problemMessage(error, response.status));
      return undefined;
    }
    const { platform, applicationId, sessionId, token } = data;
    if (!isPlatform(platform) || !applicationId || !sessionId || !token) {
      announce('Could not join.', false);
      showError('The server\'s answer is missing the session details.');
      return undefined;
    }
    const moderatorKey = data.moderatorKey ?? options.moderatorKey;
    if (data.moderatorKey) {
      options.onModeratorKey?.(options.room, data.moderatorKey);
    }
    return {
      credentials: {
        platform, applicationId, sessionId, token, ...(data.signalingUrl ? { signalingUrl: data.signalingUrl } : {}),
      },
      role: data.role ?? 'PUBLISHER',
      ...(moderatorKey ? { moderatorKey } : {}),
    };
  };

  const start = async () => {
    const entry = await credentialsFor();
    if (!entry || left) {
      return;
    }
    role = entry.role;
    section.dataset.role = role;

    let session: MediaSession;
    try {
      session = await (options.openMedia ?? openMediaSession)(entry.credentials);
    } catch (e) {
      announce(`You joined ${where}, but this app cannot carry its media.`, false);
      showError(mediaMessage(e));
      return;
    }
    if (left) {
      await session.disconnect();
      return;
    }
    media = session;
    share.hidden = !session.capabilities.screenShare || !session.shareScreen;
    const access = options.api
      ? { api: options.api, sessionId: entry.credentials.sessionId, token: entry.credentials.token } : undefined;
    offerPanels(session, access, entry.moderatorKey);
    watch(session);
    try {
      await session.connect();
    } catch (e) {
      announce('Could not connect.', false);
      showError(mediaMessage(e));
      return;
    }
    announce(role === 'MODERATOR' ? `You are in ${where} as its moderator.` : `You are in ${where}.`, false);
    if (session.mediaStats && (session.capabilities.audioLevels || session.capabilities.connectionQuality)) {
      if (session.remoteAudioLevels) {
        levelsTimer = setInterval(() => sampleLevels(session), LEVELS_INTERVAL_MS);
        qualityTimer = setInterval(() => onStatsTick(session), STATS_TICK_MS);
      } else {
        qualityTimer = setInterval(() => void sampleStats(session), LEVELS_INTERVAL_MS);
      }
    }

    // Subscribers try too: the server's refusal tells them why they are not seen, and they still see the others.
    const self = addTile('self', displayName, `${displayName} (you)`, { self: true, person: displayName });
    try {
      await session.publish(self.video, {
        name: displayName, audio: true, video: true,
        ...(options.devices?.audioDeviceId ? { audioDeviceId: options.devices.audioDeviceId } : {}),
        ...(options.devices?.videoDeviceId ? { videoDeviceId: options.devices.videoDeviceId } : {}),
      });
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
