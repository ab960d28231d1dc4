import { describe, expect, it } from 'vitest';
import { Emitter, MediaError, openMediaSession, EMBEDDED_UNAVAILABLE, isPlatform, type MediaSessionEvents } from './index';

describe('Emitter', () => {
  it('delivers typed events to listeners until they unsubscribe', () => {
    const events = new Emitter<MediaSessionEvents>();
    const seen: string[] = [];
    const off = events.on('connectionCreated', ({ connectionId }) => seen.push(connectionId));
    events.emit('connectionCreated', { connectionId: 'c1' });
    off();
    events.emit('connectionCreated', { connectionId: 'c2' });
    expect(seen).toEqual(['c1']);
  });
});

describe('openMediaSession', () => {
  it('refuses the embedded platform with the message the room shows', async () => {
    const opening = openMediaSession({ platform: 'embedded', applicationId: 'parley', sessionId: 's', token: 't' });
    await expect(opening).rejects.toBeInstanceOf(MediaError);
    await expect(opening).rejects.toThrow(EMBEDDED_UNAVAILABLE);
  });

  it('knows the two platforms of the join response', () => {
    expect(isPlatform('vonage')).toBe(true);
    expect(isPlatform('embedded')).toBe(true);
    expect(isPlatform('other')).toBe(false);
  });
});
