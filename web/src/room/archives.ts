import type { Api } from '../api/client';
import type { components } from '../api/schema';
import { problemMessage } from '../api/problem';
import { el } from '../ui/dom';
import { icon } from '../ui/icons';

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

/**
 * A name to read: the web app names archives "{room} {date and time}", which reads as a timestamp; this shows the
 * room and a short day and time ("standup · Wed 1 May, 10:00"). Other names are shown as they are.
 */
export function readableName(archive: Pick<Archive, 'name' | 'createdAt'>): string {
  const name = archive.name?.trim() ?? '';
  const created = archive.createdAt ? new Date(archive.createdAt) : undefined;
  const when = created && !Number.isNaN(created.getTime())
    ? created.toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })
    : undefined;
  const room = /^([a-z0-9][a-z0-9-]{0,62}) \d/.exec(name)?.[1];
  if (room && when) {
    return `${room} · ${when}`;
  }
  if (!name) {
    return when ? `Recording · ${when}` : 'Recording';
  }
  return name;
}

/** The three steps an archive goes through, and where it is: recording, then composing, then available (or failed). */
export type ArchiveProgress = { step: 0 | 1 | 2; state: 'active' | 'done' | 'failed'; words: string };

export function archiveProgress(archive: Pick<Archive, 'status' | 'reason'>): ArchiveProgress {
  switch (archive.status) {
    case 'STARTED':
      return { step: 0, state: 'active', words: 'Being recorded' };
    case 'PAUSED':
      return { step: 0, state: 'active', words: 'Paused while nobody publishes' };
    case 'STOPPED':
      return { step: 1, state: 'active', words: 'Composing the video…' };
    case 'AVAILABLE':
      return { step: 2, state: 'done', words: 'Ready to play' };
    case 'FAILED':
      return { step: 2, state: 'failed', words: archive.reason ? `Failed: ${archive.reason}` : 'The recording failed.' };
    default:
      return { step: 2, state: 'failed', words: note(archive) || String(archive.status ?? '') };
  }
}

/** Why a listed archive cannot be played (yet). */
function note(archive: Pick<Archive, 'status' | 'reason'>): string {
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

const STEPS = ['Recorded', 'Composed', 'Available'] as const;

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
 * The session's archives as a list, newest first: a readable name, where each is in recorded -> composed -> available
 * (or failed, with the reason), duration, size and when it was made, with Play (in the page) and Download for an
 * available one. Listed again every `pollMs` while one is still recording or being composed.
 */
export function archivesView(access: ArchiveAccess, pollMs = 2000, onClose?: () => void): ArchivesView {
  const element = el('section', { class: 'panel archives', id: 'archives', role: 'region', 'aria-label': 'Archives' });
  element.hidden = true;
  const header = el('div', { class: 'panel-header' });
  const heading = el('h2', {}, 'Archives');
  header.append(heading);
  if (onClose) {
    const close = el('button', { type: 'button', class: 'icon-only close', 'aria-label': 'Close archives' });
    close.append(icon('close'));
    close.addEventListener('click', onClose);
    header.append(close);
  }
  const message = el('p', { class: 'archives-message', role: 'status' });
  const list = el('ul', { class: 'archive-list' });
  list.hidden = true;
  const video = el('video', { controls: '', 'aria-label': 'Archive playback', preload: 'metadata' }) as HTMLVideoElement;
  video.hidden = true;
  const body = el('div', { class: 'panel-body' });
  body.append(message, video, list);
  element.append(header, body);

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

  const download = async (archive: Archive, trigger: HTMLButtonElement) => {
    trigger.disabled = true;
    try {
      const url = await playbackUrl(access, archive.id ?? '');
      const link = el('a', { href: url, download: `${readableName(archive).replace(/[^\p{L}\p{N} -]+/gu, '-')}.mp4` });
      link.hidden = true;
      element.append(link);
      link.click();
      link.remove();
    } catch (e) {
      message.textContent = `Could not download ${archive.name || 'the recording'}: ${e instanceof Error ? e.message : problemMessage(undefined)}`;
    } finally {
      trigger.disabled = false;
    }
  };

  const item = (archive: Archive): HTMLElement => {
    const li = el('li', { class: 'archive' });
    if (archive.id) {
      li.dataset.archiveId = archive.id;
    }
    li.dataset.status = archive.status ?? '';
    const title = el('h3', { class: 'archive-name' }, readableName(archive));
    const progress = archiveProgress(archive);
    const steps = el('ol', { class: `steps steps-${progress.state}`, 'aria-label': 'Progress' });
    STEPS.forEach((word, index) => {
      const step = el('li', { class: 'step' }, word);
      const state = index < progress.step ? 'done' : index === progress.step ? progress.state : 'todo';
      step.dataset.state = state;
      if (index === progress.step) {
        step.setAttribute('aria-current', 'step');
      }
      steps.append(step);
    });
    const words = el('p', { class: `archive-status archive-${progress.state}` }, progress.words);
    const facts = el('dl', { class: 'archive-facts' });
    for (const [term, value] of [['Duration', formatDuration(archive.duration)], ['Size', formatSize(archive.size)],
      ['Created', formatCreated(archive.createdAt)]] as const) {
      const group = el('div');
      group.append(el('dt', {}, term), el('dd', {}, value));
      facts.append(group);
    }
    const actions = el('div', { class: 'archive-actions' });
    if (archive.status === 'AVAILABLE' && archive.id) {
      const name = archive.name || archive.id;
      // Short on screen; the name completes the accessible name (and the text) for each archive.
      const playButton = el('button', { type: 'button', class: 'primary' }, 'Play') as HTMLButtonElement;
      playButton.append(el('span', { class: 'sr-only' }, ` ${name}`));
      playButton.addEventListener('click', () => void play(archive, playButton));
      const downloadButton = el('button', { type: 'button' }, 'Download') as HTMLButtonElement;
      downloadButton.append(el('span', { class: 'sr-only' }, ` ${name}`));
      downloadButton.addEventListener('click', () => void download(archive, downloadButton));
      actions.append(playButton, downloadButton);
    } else if (progress.state !== 'failed' && !SETTLING.has(archive.status)) {
      actions.append(el('p', { class: 'hint' }, note(archive)));
    }
    li.append(title, steps, words, facts, actions);
    return li;
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
    list.replaceChildren(...archives.map(item));
    list.hidden = archives.length === 0;
    if (archives.length === 0) {
      message.textContent = 'This session has no archives yet. A moderator starts one with Start recording.';
    } else if (message.textContent === 'Loading archives…' || message.textContent?.startsWith('Could not list')
      || message.textContent?.startsWith('This session has no')) {
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
      if (list.hidden) {
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
