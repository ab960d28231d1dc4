/** A side panel of the room (participants, chat, invite, archives): a named region with a heading and a close button. */
import { el } from './dom';
import { icon } from './icons';

export type Panel = { element: HTMLElement; body: HTMLElement; title: string };

export function panel(id: string, title: string, onClose: () => void): Panel {
  const element = el('section', { class: 'panel', id, role: 'region', 'aria-label': title });
  element.hidden = true;
  const header = el('div', { class: 'panel-header' });
  const heading = el('h2', {}, title);
  const close = el('button', { type: 'button', class: 'icon-only', 'aria-label': `Close ${title.toLowerCase()}` });
  close.append(icon('close'));
  close.addEventListener('click', onClose);
  header.append(heading, close);
  const body = el('div', { class: 'panel-body' });
  element.append(header, body);
  return { element, body, title };
}
