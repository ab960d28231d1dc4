/**
 * Direct links: `#platform=embedded&applicationId=parley&sessionId=...&token=...` (optionally `&room=standup`) enters
 * a session with a token issued elsewhere (the sessions API, a moderator, a test), skipping the lobby and the join
 * endpoint. The credentials are in the fragment so that they never reach the server's access logs.
 */
import { isPlatform, type SessionCredentials } from './media';

export type Role = 'SUBSCRIBER' | 'PUBLISHER' | 'MODERATOR';

export type DirectEntry = {
  credentials: SessionCredentials;
  displayName: string;
  role: Role;
  room?: string;
};

/** The entry a location.hash describes, or undefined when it carries no token. */
export function directEntryFromHash(hash: string): DirectEntry | undefined {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const token = params.get('token');
  if (!token) {
    return undefined;
  }
  const platform = params.get('platform') ?? 'embedded';
  const claims = tokenClaims(token) ?? {};
  const room = params.get('room') ?? undefined;
  return {
    credentials: {
      platform: isPlatform(platform) ? platform : 'embedded',
      applicationId: params.get('applicationId') ?? stringClaim(claims.application_id) ?? '',
      sessionId: params.get('sessionId') ?? stringClaim(claims.session_id) ?? '',
      token,
    },
    displayName: displayNameClaim(claims.connection_data) ?? 'Guest',
    role: roleClaim(claims.role),
    ...(room ? { room } : {}),
  };
}

/**
 * The payload of a JWT, decoded without verifying it: only to show the user's own name and role. The server verifies
 * the token when the session connects.
 */
export function tokenClaims(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (!payload) {
    return undefined;
  }
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

function displayNameClaim(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  try {
    const data: unknown = JSON.parse(value);
    const name = typeof data === 'object' && data !== null ? (data as { displayName?: unknown }).displayName : undefined;
    return typeof name === 'string' && name.trim() ? name.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** Tokens carry the role in lower case, as Vonage's do; a token without one publishes. */
function roleClaim(value: unknown): Role {
  const role = typeof value === 'string' ? value.toUpperCase() : '';
  return role === 'SUBSCRIBER' || role === 'MODERATOR' ? role : 'PUBLISHER';
}
