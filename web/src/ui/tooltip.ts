/**
 * One tooltip for every element with `data-tooltip` inside a container, shown on hover and keyboard focus. It lives
 * outside the buttons (CSS ::after content inside a button would join its accessible name) and is aria-hidden: the
 * button's own name and aria-keyshortcuts already say the same to assistive technology.
 */
import { el } from './dom';

export function installTooltips(container: HTMLElement): () => void {
  const tip = el('div', { class: 'tooltip', 'aria-hidden': 'true' });
  tip.hidden = true;
  document.body.append(tip);
  let current: HTMLElement | undefined;
  const show = (target: HTMLElement) => {
    const text = target.dataset.tooltip;
    if (!text) {
      return;
    }
    current = target;
    tip.textContent = text;
    tip.hidden = false;
    const box = target.getBoundingClientRect();
    const width = tip.offsetWidth;
    const left = Math.min(Math.max(4, box.left + box.width / 2 - width / 2), window.innerWidth - width - 4);
    const above = box.top - tip.offsetHeight - 8;
    tip.style.left = `${left}px`;
    tip.style.top = `${above > 4 ? above : box.bottom + 8}px`;
  };
  const hide = () => {
    current = undefined;
    tip.hidden = true;
  };
  const over = (event: Event) => {
    const target = (event.target as Element | null)?.closest<HTMLElement>('[data-tooltip]');
    if (target && container.contains(target)) {
      show(target);
    } else if (event.type !== 'mouseover') {
      hide();
    }
  };
  const out = (event: Event) => {
    const target = (event.target as Element | null)?.closest<HTMLElement>('[data-tooltip]');
    if (target && target === current) {
      hide();
    }
  };
  container.addEventListener('mouseover', over);
  container.addEventListener('focusin', over);
  container.addEventListener('mouseout', out);
  container.addEventListener('focusout', out);
  // A click changes the name (Mute -> Unmute): show the new one.
  container.addEventListener('click', () => {
    if (current) {
      show(current);
    }
  });
  return () => tip.remove();
}
