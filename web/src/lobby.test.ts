import { describe, expect, it } from 'vitest';
import { cameraMessage, normaliseRoomName, roomFromPath, roomPath, validateLobby, ROOM_NAME_RULE } from './lobby';

describe('roomFromPath', () => {
  it('reads the room from /r/{room}', () => {
    expect(roomFromPath('/r/standup')).toBe('standup');
    expect(roomFromPath('/r/team-42/')).toBe('team-42');
  });

  it('lower-cases the name, as the server does', () => {
    expect(roomFromPath('/r/StandUp')).toBe('standup');
  });

  it('decodes the path segment before checking it', () => {
    expect(roomFromPath('/r/%53tandup')).toBe('standup');
    expect(roomFromPath('/r/%E0%A4%A')).toBeUndefined();
    expect(roomFromPath('/r/a%2Fb')).toBeUndefined();
  });

  it('ignores other paths and invalid names', () => {
    expect(roomFromPath('/')).toBeUndefined();
    expect(roomFromPath('/r/')).toBeUndefined();
    expect(roomFromPath('/rooms/standup')).toBeUndefined();
    expect(roomFromPath('/r/standup/extra')).toBeUndefined();
    expect(roomFromPath('/r/-leading-hyphen')).toBeUndefined();
    expect(roomFromPath('/r/under_score')).toBeUndefined();
    expect(roomFromPath(`/r/${'a'.repeat(64)}`)).toBeUndefined();
  });

  it('round-trips with roomPath', () => {
    expect(roomFromPath(roomPath('daily-7'))).toBe('daily-7');
  });
});

describe('normaliseRoomName', () => {
  it('accepts the server pattern [a-z0-9][a-z0-9-]{0,62}', () => {
    expect(normaliseRoomName('a')).toBe('a');
    expect(normaliseRoomName('0')).toBe('0');
    expect(normaliseRoomName('a-')).toBe('a-');
    expect(normaliseRoomName('a'.repeat(63))).toBe('a'.repeat(63));
  });

  it('trims and lower-cases', () => {
    expect(normaliseRoomName('  Design-Review ')).toBe('design-review');
  });

  it('refuses what the server refuses', () => {
    for (const bad of ['', ' ', '-a', 'a b', 'a.b', 'é', 'a'.repeat(64), 'room/1']) {
      expect(normaliseRoomName(bad), bad).toBeUndefined();
    }
  });
});

describe('validateLobby', () => {
  it('returns the normalised input', () => {
    expect(validateLobby(' Standup ', '  Ada ')).toEqual({ ok: true, value: { room: 'standup', displayName: 'Ada' } });
  });

  it('names the room field when the room name is invalid', () => {
    expect(validateLobby('no spaces', 'Ada')).toEqual({ ok: false, field: 'room', message: ROOM_NAME_RULE });
  });

  it('requires a display name of at most 64 characters', () => {
    expect(validateLobby('standup', '   ')).toMatchObject({ ok: false, field: 'displayName' });
    expect(validateLobby('standup', 'x'.repeat(65))).toMatchObject({ ok: false, field: 'displayName' });
    expect(validateLobby('standup', 'x'.repeat(64))).toMatchObject({ ok: true });
  });
});

describe('cameraMessage', () => {
  const named = (name: string) => Object.assign(new Error('camera'), { name });

  it('explains a refused permission and a missing camera, and still lets the user join', () => {
    expect(cameraMessage(named('NotAllowedError'))).toMatch(/refused.*still join/);
    expect(cameraMessage(named('NotFoundError'))).toMatch(/No camera.*still join/);
  });

  it('has a message for anything else', () => {
    expect(cameraMessage(undefined)).toMatch(/not available/);
  });
});
