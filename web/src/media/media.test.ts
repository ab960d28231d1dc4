// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { Emitter, MediaError, openMediaSession, isPlatform, type MediaSessionEvents } from './index';

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
  it('opens the embedded platform with Parley\'s own client', async () => {
    const session = await openMediaSession({ platform: 'embedded', applicationId: 'parley', sessionId: 's', token: 't' });
    expect(session.platform).toBe('embedded');
  });

  it('refuses a platform it does not know', async () => {
    const opening = openMediaSession({ platform: 'other' as 'embedded', applicationId: 'a', sessionId: 's', token: 't' });
    await expect(opening).rejects.toBeInstanceOf(MediaError);
  });

  it('knows the two platforms of the join response', () => {
    expect(isPlatform('vonage')).toBe(true);
    expect(isPlatform('embedded')).toBe(true);
    expect(isPlatform('other')).toBe(false);
  });
});
