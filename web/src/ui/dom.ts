/** Small DOM helpers shared by the lobby and the room; plain DOM code keeps the app a few kilobytes. */
import { icon, type IconName } from './icons';

/** Creates an element with attributes and optional text. */
export function el(tag: string, attributes: Record<string, string> = {}, text?: string): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, value);
  }
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}

export function button(name: string, attributes: Record<string, string> = {}): HTMLButtonElement {
  return el('button', { type: 'button', ...attributes }, name) as HTMLButtonElement;
}

/**
 * A toolbar button: an icon, its name as text (so the accessible name is exactly that text; the label may be hidden
 * on small screens) and a tooltip naming the keyboard shortcut.
 */
export type IconButton = HTMLButtonElement & { setLabel(name: string, iconName?: IconName): void };

export function iconButton(name: string, iconName: IconName, shortcut?: string, className = 'tool'): IconButton {
  const element = el('button', { type: 'button', class: className }) as IconButton;
  const label = el('span', { class: 'label' });
  element.setLabel = (text: string, next?: IconName) => {
    label.textContent = text;
    element.dataset.tooltip = shortcut ? `${text} (${shortcut})` : text;
    if (next) {
      element.querySelector('svg')?.replaceWith(icon(next));
    }
  };
  if (shortcut) {
    element.setAttribute('aria-keyshortcuts', shortcut);
  }
  element.append(icon(iconName), label);
  element.setLabel(name);
  return element;
}

/** The initials of a display name: the first letters of the first and last words, upper case ("Ada Lovelace" -> "AL"). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter((w) => w !== '');
  const first = words[0];
  if (!first) {
    return '?';
  }
  const letter = (word: string) => [...word][0]?.toLocaleUpperCase() ?? '';
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  return last ? letter(first) + letter(last) : letter(first);
}

/** A stable hue for a name, so a person's avatar keeps its colour. */
export function hueOf(name: string): number {
  let hash = 0;
  for (const char of name) {
    hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 360;
  }
  return hash;
}
