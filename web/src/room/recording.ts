/**
 * Recording in the room: everyone sees a "Recording" badge (role="status") while an archive runs (several may, each
 * with its own multiArchiveTag, started through the API); a moderator gets Start recording / Stop recording, which
 * stops the latest, with a pending state while the request runs and the refusal's detail in words.
 */
import { el, iconButton, type IconButton } from '../ui/dom';
import { startArchive, stopArchive, type ArchiveAccess } from './archives';

export type Recording = {
  badge: HTMLElement;
  /** Only for a moderator with API access. */
  button?: IconButton;
  started(archiveId: string): void;
  stopped(archiveId: string): void;
  dispose(): void;
};

export function createRecording(options: {
  room: string | undefined;
  announce: (message: string) => void;
  /** A toast only: the badge (role="status") already says it to assistive technology. */
  toast: (message: string) => void;
  showError: (message: string) => void;
  clearError: (prefix: string) => void;
}): Recording & { offer(access: ArchiveAccess, moderator: boolean): void } {
  const badge = el('p', { class: 'recording', role: 'status' }, 'Recording');
  badge.hidden = true;
  /** The archives recording the room, in the order they started. */
  const running = new Set<string>();
  const latest = () => [...running].pop();
  let pending: 'start' | 'stop' | undefined;
  let disposed = false;
  const state: { button?: IconButton } = {};

  const show = () => {
    const recordingId = latest();
    badge.hidden = recordingId === undefined;
    const record = state.button;
    if (!record) {
      return;
    }
    record.disabled = pending !== undefined;
    record.setLabel(pending === 'start' ? 'Starting recording…'
      : pending === 'stop' ? 'Stopping recording…'
      : recordingId === undefined ? 'Start recording' : 'Stop recording');
    record.classList.toggle('active', recordingId !== undefined);
  };

  const toggle = async (access: ArchiveAccess) => {
    if (pending) {
      return;
    }
    const target = latest();
    options.clearError('Recording could not');
    pending = target === undefined ? 'start' : 'stop';
    show();
    try {
      if (target === undefined) {
        const id = await startArchive(access, `${options.room ?? 'Session'} ${new Date().toLocaleString()}`);
        // The archiveStarted event may have come first; either gives the id.
        if (id !== undefined) {
          running.add(id);
        }
        options.announce('Recording started.');
      } else {
        await stopArchive(access, target);
        running.delete(target);
        options.announce('Recording stopped.');
      }
    } catch (e) {
      options.showError(`Recording could not ${target === undefined ? 'start' : 'stop'}: ${
        e instanceof Error ? e.message : 'The media connection failed.'}`);
    } finally {
      pending = undefined;
      if (!disposed) {
        show();
      }
    }
  };

  return {
    badge,
    get button() {
      return state.button;
    },
    offer(access, moderator) {
      if (moderator) {
        const record = iconButton('Start recording', 'record', undefined, 'tool record');
        record.addEventListener('click', () => void toggle(access));
        state.button = record;
      }
      show();
    },
    started(archiveId) {
      const wasRecording = running.size > 0;
      running.add(archiveId);
      show();
      if (!wasRecording && pending === undefined) {
        options.toast('This room is being recorded.');
      }
    },
    stopped(archiveId) {
      running.delete(archiveId);
      show();
    },
    dispose() {
      disposed = true;
    },
  };
}
