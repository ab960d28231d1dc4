/**
 * A tile: one participant's camera or screen (role="group", named by the display name; screens as "{name} (screen)"),
 * with the status a meeting shows on it — name, muted microphone, an avatar with initials when the camera is off, a
 * ring while speaking, the connection quality — and its actions (pin; mute and remove for a moderator).
 */
import { button, el, hueOf, initials } from '../ui/dom';
import { icon } from '../ui/icons';
import { QUALITY_LABEL, type Quality } from './quality';

export type Tile = {
  key: string;
  element: HTMLElement;
  /** Where the media implementation renders the <video>. */
  video: HTMLElement;
  /** The accessible name (display name, or "{name} (screen)"). */
  name: string;
  screen: boolean;
  self: boolean;
  actions: HTMLElement;
};

export function createTile(key: string, label: string, visibleName: string,
  options: { streamId?: string; screen?: boolean; self?: boolean; person?: string }): Tile {
  const element = el('div', { class: 'tile', role: 'group', 'aria-label': label });
  element.dataset.key = key;
  if (options.streamId) {
    element.dataset.streamId = options.streamId;
  }
  if (options.screen) {
    element.classList.add('screen');
  }
  const video = el('div', { class: 'video' });
  // Until its first picture, a tile shows the person's initials rather than a black box.
  element.classList.add('waiting');
  const shown = () => element.classList.remove('waiting');
  video.addEventListener('playing', shown, true);
  video.addEventListener('resize', shown, true);
  const person = options.person ?? visibleName;
  const avatar = el('div', { class: 'avatar', 'aria-hidden': 'true' });
  const circle = el('span', { class: 'initials' }, initials(person));
  circle.style.setProperty('--hue', String(hueOf(person)));
  avatar.append(circle);
  const bar = el('div', { class: 'tile-bar' });
  const status = el('span', { class: 'tile-status' });
  const name = el('span', { class: 'name', 'aria-hidden': 'true' }, visibleName);
  bar.append(status, name);
  const actions = el('div', { class: 'tile-actions' });
  element.append(video, avatar, bar, actions);
  return { key, element, video, name: label, screen: options.screen === true, self: options.self === true, actions };
}

function statusPart(tile: Tile): HTMLElement {
  return tile.element.querySelector<HTMLElement>('.tile-status') as HTMLElement;
}

export function setAudioIndicator(tile: Tile, muted: boolean): void {
  let indicator = tile.element.querySelector('.muted');
  tile.element.classList.toggle('audio-muted', muted);
  if (muted && !indicator) {
    indicator = el('span', { class: 'muted', role: 'img', 'aria-label': 'Microphone muted' });
    indicator.append(icon('micOff'));
    statusPart(tile).prepend(indicator);
  } else if (!muted) {
    indicator?.remove();
  }
}

export function setVideoIndicator(tile: Tile, off: boolean): void {
  let indicator = tile.element.querySelector('.camera-off');
  tile.video.hidden = off;
  tile.element.classList.toggle('video-off', off);
  if (off && !indicator) {
    indicator = el('span', { class: 'camera-off' }, 'Camera off');
    tile.element.querySelector('.avatar')?.append(indicator);
  } else if (!off) {
    indicator?.remove();
  }
}

export function setSpeaking(tile: Tile, speaking: boolean): void {
  if (tile.element.classList.contains('speaking') !== speaking) {
    tile.element.classList.toggle('speaking', speaking);
    tile.element.dataset.speaking = String(speaking);
  }
}

export function setQuality(tile: Tile, quality: Quality): void {
  if (tile.element.dataset.quality === quality) {
    return;
  }
  tile.element.dataset.quality = quality;
  let indicator = tile.element.querySelector<HTMLElement>('.quality');
  if (quality === 'unknown') {
    indicator?.remove();
    return;
  }
  if (!indicator) {
    indicator = el('span', { class: 'quality', role: 'img' });
    indicator.append(icon('signal'));
    statusPart(tile).append(indicator);
  }
  indicator.setAttribute('aria-label', QUALITY_LABEL[quality]);
  indicator.title = QUALITY_LABEL[quality];
}

/** The pin toggle; `onToggle` gets whether the tile is now pinned. */
export function addPinButton(tile: Tile, person: string, onToggle: () => void): HTMLButtonElement {
  const pin = button(`Pin ${person}`, { class: 'tile-action', 'aria-pressed': 'false' });
  pin.prepend(icon('pin'));
  pin.dataset.tooltip = `Pin ${person}`;
  pin.addEventListener('click', onToggle);
  tile.actions.append(pin);
  return pin;
}

export function showPinned(pin: HTMLButtonElement | undefined, person: string, pinned: boolean): void {
  if (!pin) {
    return;
  }
  // A toggle keeps its name; aria-pressed says the state.
  pin.setAttribute('aria-pressed', String(pinned));
  pin.dataset.tooltip = `${pinned ? 'Unpin' : 'Pin'} ${person}`;
}
