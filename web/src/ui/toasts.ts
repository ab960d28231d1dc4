/**
 * Short notices in the corner (joins, leaves, recording, chat while the chat is closed). They are decorative for
 * assistive technology: the room's status line (role="status") announces the same words once.
 */
import { el } from './dom';

export type ToastKind = 'info' | 'error';

export class Toasts {
  readonly element = el('div', { class: 'toasts', 'aria-hidden': 'true' });

  constructor(private readonly lifetimeMs = 4000, private readonly max = 4) {}

  show(text: string, kind: ToastKind = 'info'): void {
    const toast = el('div', { class: `toast toast-${kind}` }, text);
    this.element.append(toast);
    while (this.element.childElementCount > this.max) {
      this.element.firstElementChild?.remove();
    }
    setTimeout(() => toast.remove(), kind === 'error' ? this.lifetimeMs * 2 : this.lifetimeMs);
  }
}
