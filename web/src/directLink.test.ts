import { describe, expect, it } from 'vitest';
import { directEntryFromHash, tokenClaims } from './directLink';

/** An unsigned token with these claims: the client only reads the payload, the server verifies the signature. */
function token(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'ES256' })}.${part(claims)}.signature`;
}

describe('directEntryFromHash', () => {
  it('reads the credentials, the display name and the role from the fragment and the token', () => {
    const jwt = token({ role: 'moderator', connection_data: '{"displayName":"Zoë ✓"}', session_id: 'ignored' });
    const entry = directEntryFromHash(`#platform=embedded&applicationId=parley&sessionId=s-1&token=${jwt}`);
    expect(entry).toEqual({
      credentials: { platform: 'embedded', applicationId: 'parley', sessionId: 's-1', token: jwt },
      displayName: 'Zoë ✓',
      role: 'MODERATOR',
    });
  });

  it('falls back to Guest and PUBLISHER, and to the token for the session', () => {
    const jwt = token({ session_id: 's-2', application_id: 'parley' });
    expect(directEntryFromHash(`token=${jwt}&room=standup`)).toEqual({
      credentials: { platform: 'embedded', applicationId: 'parley', sessionId: 's-2', token: jwt },
      displayName: 'Guest',
      role: 'PUBLISHER',
      room: 'standup',
    });
  });

  it('reads a subscriber token as SUBSCRIBER', () => {
    expect(directEntryFromHash(`#token=${token({ role: 'subscriber' })}`)?.role).toBe('SUBSCRIBER');
  });

  it('ignores a fragment without a token', () => {
    expect(directEntryFromHash('')).toBeUndefined();
    expect(directEntryFromHash('#sessionId=s-1')).toBeUndefined();
  });
});

describe('tokenClaims', () => {
  it('returns undefined for something that is not a JWT', () => {
    expect(tokenClaims('opaque')).toBeUndefined();
    expect(tokenClaims('a.%%%.c')).toBeUndefined();
  });
});
