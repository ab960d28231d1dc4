/**
 * Invites: the room's address for guests, and for a moderator who holds the room's moderator key a separate host
 * link that makes whoever opens it a moderator. The key travels in the fragment (#host=…), which browsers never send
 * to the server, so it stays out of access logs.
 */
import { button, el } from '../ui/dom';
import { panel, type Panel } from '../ui/panel';

export function guestLink(origin: string, room: string): string {
  return `${origin}/r/${encodeURIComponent(room)}`;
}

export function hostLink(origin: string, room: string, moderatorKey: string): string {
  return `${guestLink(origin, room)}#host=${encodeURIComponent(moderatorKey)}`;
}

/** The moderator key in a host link's fragment, if there is one. */
export function hostKeyFromHash(hash: string): string | undefined {
  const key = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash).get('host');
  return key && key.length <= 128 ? key : undefined;
}

export function createInvite(id: string, room: string, moderatorKey: string | undefined, onClose: () => void,
  notify: (message: string) => void): Panel {
  const view = panel(id, 'Invite', onClose);
  const origin = location.origin;
  const field = (fieldId: string, text: string, value: string, copyName: string, hint: HTMLElement) => {
    const group = el('div', { class: `invite ${fieldId}` });
    const label = el('label', { for: `${id}-${fieldId}` }, text);
    const input = el('input', {
      id: `${id}-${fieldId}`, type: 'text', readonly: '', 'aria-describedby': `${id}-${fieldId}-hint`,
    }) as HTMLInputElement;
    input.value = value;
    hint.id = `${id}-${fieldId}-hint`;
    const copy = button(copyName, { class: fieldId === 'host-link' ? 'warning' : 'primary' });
    copy.addEventListener('click', () => {
      input.select();
      const done = () => notify(`${text} copied.`);
      if (navigator.clipboard?.writeText) {
        navigator.clipboard.writeText(value).then(done, () => notify('Press Ctrl+C (or ⌘C) to copy the selected link.'));
      } else {
        notify('Press Ctrl+C (or ⌘C) to copy the selected link.');
      }
    });
    group.append(label, input, hint, copy);
    return group;
  };
  view.body.append(field('guest-link', 'Guest link', guestLink(origin, room), 'Copy guest link',
    el('p', { class: 'hint' }, 'Anyone with this link joins as a participant: they can talk, show their camera and share their screen.')));
  if (moderatorKey) {
    const warning = el('p', { class: 'hint host-warning' });
    warning.append(el('strong', {}, 'Gives moderator rights. '),
      'Whoever opens it can record the room, mute and remove people. Share it only with co-hosts.');
    view.body.append(field('host-link', 'Host link (moderator key)', hostLink(origin, room, moderatorKey),
      'Copy host link', warning));
  }
  return view;
}
