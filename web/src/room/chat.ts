/**
 * Chat over the session's signals (both platforms carry them): a message is the signal `chat` with `{"text": ...}`
 * sent to everyone; the sender is known by the connection it came from, never by what the message claims.
 */
import { button, el } from '../ui/dom';
import { panel, type Panel } from '../ui/panel';

export const CHAT_SIGNAL = 'chat';
/**
 * A notice from the back end (`POST /api/v1/sessions/{id}/signal` with type `notice` and data `{"text": ...}`):
 * shown to everyone as a notification, not as a chat line, since nobody in the room wrote it.
 */
export const NOTICE_SIGNAL = 'notice';
/** Signals carry at most 8 KiB; a chat line is kept well under that. */
export const CHAT_MAX = 1000;

export function encodeChat(text: string): string {
  return JSON.stringify({ text: text.slice(0, CHAT_MAX) });
}

/** The text of a chat signal, or undefined when it is not one this app understands. */
export function decodeChat(data: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(data);
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { text?: unknown }).text === 'string') {
      const text = (parsed as { text: string }).text.trim();
      return text === '' ? undefined : text.slice(0, CHAT_MAX);
    }
  } catch {
    // not ours
  }
  return undefined;
}

export type Chat = {
  panel: Panel;
  readonly unread: number;
  /** A message from someone else (or, with `own`, this client's); counts as unread while the panel is closed. */
  receive(from: string, text: string, own?: boolean): void;
  opened(): void;
};

export function createChat(id: string, onClose: () => void, send: (text: string) => Promise<void>,
  onUnread: (count: number) => void): Chat {
  const view = panel(id, 'Chat', onClose);
  const log = el('ol', { class: 'chat-log', role: 'log', 'aria-label': 'Chat messages' });
  const empty = el('p', { class: 'hint' }, 'Messages go to everyone in the room and are not kept after the call.');
  const form = el('form', { class: 'chat-form' }) as HTMLFormElement;
  const label = el('label', { for: `${id}-input`, class: 'sr-only' }, 'Message');
  const input = el('input', {
    id: `${id}-input`, type: 'text', maxlength: String(CHAT_MAX), autocomplete: 'off', placeholder: 'Message everyone',
  }) as HTMLInputElement;
  const submit = button('Send', { type: 'submit', class: 'primary' });
  form.append(label, input, submit);
  view.body.append(empty, log, form);
  let unread = 0;

  const receive = (from: string, text: string, own = false) => {
    const item = el('li', { class: own ? 'chat-message own' : 'chat-message' });
    const time = new Date().toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    item.append(el('span', { class: 'chat-from' }, own ? 'You' : from), el('span', { class: 'chat-time' }, time),
      el('p', { class: 'chat-text' }, text));
    log.append(item);
    log.scrollTop = log.scrollHeight;
    if (!own && view.element.hidden) {
      unread += 1;
      onUnread(unread);
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) {
      return;
    }
    submit.disabled = true;
    send(text).then(() => {
      receive('You', text, true);
      input.value = '';
    }, () => {}).finally(() => {
      submit.disabled = false;
      input.focus();
    });
  });

  return {
    panel: view,
    get unread() {
      return unread;
    },
    receive,
    opened() {
      unread = 0;
      onUnread(0);
      input.focus();
    },
  };
}
