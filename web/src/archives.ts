import type { Api } from './api/client';
import type { components } from './api/schema';
import { problemMessage } from './api/problem';
import { el } from './lobby';

export type Archive = components['schemas']['Archive'];
export type ArchiveStatus = components['schemas']['ArchiveStatus'];

/** What the archive routes need: the API and this participant's session and token (sent as a bearer token). */
export type ArchiveAccess = { api: Api; sessionId: string; token: string };

/** An archive route refused or failed; the message is the problem's detail, fit to show as it is. */
export class ArchiveError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'ArchiveError';
  }
}

const authorization = (access: ArchiveAccess) => ({ Authorization: `Bearer ${access.token}` });

/** Starts recording the session (moderators only); resolves with the new archive's id. */
export async function startArchive(access: ArchiveAccess, name: string): Promise<string | undefined> {
  const { data, error, response } = await call(() => access.api.POST('/api/v1/sessions/{sessionId}/archives', {
    params: { path: { sessionId: access.sessionId } },
    headers: authorization(access),
    // The documented defaults, spelled out because the generated type requires them.
    body: { name: name.slice(0, 200), hasAudio: true, hasVideo: true, outputMode: 'COMPOSED' },
  }));
  if (!response.ok) {
    throw new ArchiveError(problemMessage(error, response.status), response.status);
  }
  // openapi.json gives the 201 no body schema, but the body is the Archive.
  const id = (data as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

export async function stopArchive(access: ArchiveAccess, archiveId: string): Promise<void> {
  const { error, response } = await call(() => access.api.POST('/api/v1/archives/{archiveId}/stop', {
    params: { path: { archiveId } },
    headers: authorization(access),
  }));
  if (!response.ok) {
    throw new ArchiveError(problemMessage(error, response.status), response.status);
  }
}

/** The session's archives, newest first (one page of 50). */
export async function listArchives(access: ArchiveAccess): Promise<Archive[]> {
  const { data, error, response } = await call(() => access.api.GET('/api/v1/archives', {
    params: { query: { sessionId: access.sessionId } },
    headers: authorization(access),
  }));
  if (!response.ok || data === undefined) {
    throw new ArchiveError(problemMessage(error, response.status), response.status);
  }
  return data.items ?? [];
}

/**
 * The signed media URL of an AVAILABLE archive. A <video> cannot send the bearer token, so this asks the playback
 * route with it, lets fetch follow the 302, and takes the final URL once the headers arrive (the body is not read).
 */
export async function playbackUrl(access: ArchiveAccess, archiveId: string): Promise<string> {
  const controller = new AbortController();
  const { error, response } = await call(() => access.api.GET('/api/v1/archives/{archiveId}/playback', {
    params: { path: { archiveId } },
    headers: authorization(access),
    parseAs: 'stream',
    signal: controller.signal,
  }));
  if (!response.ok) {
    throw new ArchiveError(problemMessage(error, response.status), response.status);
  }
  controller.abort();
  if (!response.url) {
    throw new ArchiveError('The server did not say where the recording is.');
  }
  return response.url;
}

async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch {
    // fetch rejects only when there is no answer at all (or a redirect it may not follow).
    throw new ArchiveError(problemMessage(undefined));
  }
}

/** Seconds as mm:ss (minutes keep counting past an hour). */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) {
    return '–';
  }
  const whole = Math.round(seconds);
  return `${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

/** Bytes in decimal units: 512 B, 1.2 MB, 34 MB, 2.5 GB (a value that would round to 1000 takes the next unit). */
export function formatSize(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes) || bytes < 0) {
    return '–';
  }
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 999.5 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  if (unit === 0) {
    return `${value} B`;
  }
  return `${value < 9.95 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

function formatCreated(createdAt: string | undefined): string {
  if (!createdAt) {
    return '–';
  }
  const date = new Date(createdAt);
  return Number.isNaN(date.getTime()) ? createdAt : date.toLocaleString();
}

/** Why a listed archive cannot be played (yet). */
function note(archive: Archive): string {
  if (archive.reason) {
    return archive.reason;
  }
  switch (archive.status) {
    case 'STARTED':
    case 'PAUSED':
      return 'Still being recorded.';
    case 'STOPPED':
      return 'Being processed…';
    case 'UPLOADED':
      return 'Uploaded to the account\'s own storage; it cannot be played here.';
    case 'EXPIRED':
      return 'The media has expired.';
    case 'FAILED':
      return 'The recording failed.';
    case 'DELETED':
      return 'Deleted.';
    default:
      return '';
  }
}

/** Statuses that change by themselves, so the list is asked again while one is shown. */
const SETTLING: ReadonlySet<ArchiveStatus | undefined> = new Set<ArchiveStatus | undefined>(['STARTED', 'PAUSED', 'STOPPED']);

export type ArchivesView = {
  /** The region (role="region", named "Archives"); hidden until opened. */
  element: HTMLElement;
  readonly open: boolean;
  show(): void;
  hide(): void;
  /** Lists again if open (e.g. after an archive stopped). */
  refresh(): void;
  /** Stops polling and playback. */
  dispose(): void;
};

/**
 * The session's archives as a table (Name, Status, Duration, Size, Created, Playback), listed again every
 * `pollMs` while one of them is still recording or being processed, and playing an AVAILABLE one in-page.
 */
export function archivesView(access: ArchiveAccess, pollMs = 2000): ArchivesView {
  const element = el('section', { class: 'archives', role: 'region', 'aria-label': 'Archives' });
  element.hidden = true;
  const heading = el('h2', {}, 'Archives');
  const message = el('p', { class: 'archives-message' });
  const table = el('table');
  const head = el('thead');
  const headRow = el('tr');
  for (const column of ['Name', 'Status', 'Duration', 'Size', 'Created', 'Playback']) {
    headRow.append(el('th', { scope: 'col' }, column));
  }
  head.append(headRow);
  const body = el('tbody');
  table.append(head, body);
  table.hidden = true;
  const video = el('video', { controls: '', 'aria-label': 'Archive playback', preload: 'metadata' }) as HTMLVideoElement;
  video.hidden = true;
  element.append(heading, message, table, video);

  let open = false;
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const stopPolling = () => {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
  };

  const play = async (archive: Archive, trigger: HTMLButtonElement) => {
    const label = archive.name || 'the recording';
    trigger.disabled = true;
    try {
      const url = await playbackUrl(access, archive.id ?? '');
      video.src = url;
      video.hidden = false;
      message.textContent = `Playing ${label}.`;
      // Autoplay may be refused; the controls remain.
      await video.play()?.catch(() => undefined);
    } catch (e) {
      message.textContent = `Could not play ${label}: ${e instanceof Error ? e.message : problemMessage(undefined)}`;
    } finally {
      trigger.disabled = false;
    }
  };

  const row = (archive: Archive): HTMLElement => {
    const tr = el('tr');
    if (archive.id) {
      tr.dataset.archiveId = archive.id;
    }
    tr.append(
      el('td', {}, archive.name ?? ''),
      el('td', {}, archive.status ?? ''),
      el('td', {}, formatDuration(archive.duration)),
      el('td', {}, formatSize(archive.size)),
      el('td', {}, formatCreated(archive.createdAt)),
    );
    const playback = el('td');
    if (archive.status === 'AVAILABLE' && archive.id) {
      const button = el('button', { type: 'button' }, `Play ${archive.name || archive.id}`) as HTMLButtonElement;
      button.addEventListener('click', () => void play(archive, button));
      playback.append(button);
    } else {
      playback.textContent = note(archive);
    }
    tr.append(playback);
    return tr;
  };

  const load = async () => {
    stopPolling();
    const current = ++generation;
    let archives: Archive[];
    try {
      archives = await listArchives(access);
    } catch (e) {
      if (current === generation && open) {
        message.textContent = `Could not list the archives: ${e instanceof Error ? e.message : problemMessage(undefined)}`;
      }
      return;
    }
    if (current !== generation || !open) {
      return;
    }
    body.replaceChildren(...archives.map(row));
    table.hidden = archives.length === 0;
    if (archives.length === 0) {
      message.textContent = 'This session has no archives yet.';
    } else if (message.textContent === 'Loading archives…' || message.textContent?.startsWith('Could not list')) {
      message.textContent = '';
    }
    if (archives.some((a) => SETTLING.has(a.status))) {
      timer = setTimeout(() => void load(), pollMs);
    }
  };

  return {
    element,
    get open() {
      return open;
    },
    show() {
      open = true;
      element.hidden = false;
      if (table.hidden) {
        message.textContent = 'Loading archives…';
      }
      void load();
    },
    hide() {
      open = false;
      generation += 1;
      stopPolling();
      element.hidden = true;
      video.pause();
    },
    refresh() {
      if (open) {
        void load();
      }
    },
    dispose() {
      open = false;
      generation += 1;
      stopPolling();
      video.pause();
      video.removeAttribute('src');
    },
  };
}
