/**
 * The participant list: everyone in the room with their microphone and camera state; for a moderator, per-person
 * Mute and Remove and a Mute everyone action. The backend moderates one stream or one connection at a time, so
 * "mute everyone" is a loop over the unmuted cameras' streams.
 */
import type { RemoteStream } from '../media';
import { button, el, hueOf, initials } from '../ui/dom';
import { icon } from '../ui/icons';
import { panel, type Panel } from '../ui/panel';

export type Person = { connectionId: string; name: string; camera?: RemoteStream; screens: number };

export type Moderation = {
  mute(stream: RemoteStream): Promise<void>;
  remove(person: Person): Promise<void>;
};

/** The streams "mute everyone" mutes: every other person's camera stream that has audio and is not muted yet. */
export function streamsToMute(people: Iterable<Person>): RemoteStream[] {
  return [...people].map((p) => p.camera).filter((s): s is RemoteStream => s !== undefined && s.hasAudio && !s.audioMuted);
}

export type Participants = {
  panel: Panel;
  render(self: { name: string; audioMuted: boolean; videoMuted: boolean; role: string | undefined },
    people: readonly Person[]): void;
};

export function createParticipants(id: string, onClose: () => void, moderation: Moderation | undefined,
  onMuteAll: () => void): Participants {
  const view = panel(id, 'Participants', onClose);
  const toolbar = el('div', { class: 'panel-actions' });
  const muteAll = button('Mute everyone', { class: 'warning' });
  muteAll.addEventListener('click', onMuteAll);
  if (moderation) {
    toolbar.append(muteAll);
  }
  const list = el('ul', { class: 'people' });
  view.body.append(toolbar, list);

  const row = (name: string, suffix: string, audioMuted: boolean, videoMuted: boolean) => {
    const li = el('li', { class: 'person' });
    const avatar = el('span', { class: 'initials small', 'aria-hidden': 'true' }, initials(name));
    avatar.style.setProperty('--hue', String(hueOf(name)));
    const label = el('span', { class: 'person-name' }, name);
    if (suffix) {
      label.append(el('span', { class: 'hint' }, ` ${suffix}`));
    }
    const state = el('span', { class: 'person-state' });
    const mic = el('span', { role: 'img', 'aria-label': audioMuted ? 'Microphone muted' : 'Microphone on' });
    mic.append(icon(audioMuted ? 'micOff' : 'mic'));
    const cam = el('span', { role: 'img', 'aria-label': videoMuted ? 'Camera off' : 'Camera on' });
    cam.append(icon(videoMuted ? 'cameraOff' : 'camera'));
    state.append(mic, cam);
    li.append(avatar, label, state);
    return li;
  };

  return {
    panel: view,
    render(self, people) {
      const rows = [row(self.name, self.role === 'MODERATOR' ? '(you, moderator)' : '(you)', self.audioMuted, self.videoMuted)];
      for (const person of people) {
        const li = row(person.name, person.camera ? '' : '(not publishing)', person.camera?.audioMuted ?? true,
          person.camera?.videoMuted ?? true);
        if (moderation) {
          const actions = el('span', { class: 'person-actions' });
          const camera = person.camera;
          // Short visible names; the row says whose they are, and the tooltip repeats it.
          const mute = button('Mute', { title: `Mute ${person.name}` });
          mute.disabled = !camera || camera.audioMuted || !camera.hasAudio;
          mute.addEventListener('click', () => {
            if (camera) {
              void moderation.mute(camera);
            }
          });
          const remove = button('Remove', { class: 'danger', title: `Remove ${person.name}` });
          remove.addEventListener('click', () => void moderation.remove(person));
          actions.append(mute, remove);
          li.append(actions);
        }
        rows.push(li);
      }
      list.replaceChildren(...rows);
      muteAll.disabled = streamsToMute(people).length === 0;
    },
  };
}
