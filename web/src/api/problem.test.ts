import { describe, expect, it } from 'vitest';
import { problemMessage } from './problem';

describe('problemMessage', () => {
  it('shows the problem detail', () => {
    const problem = {
      type: 'urn:parley:problem:validation-failed', title: 'Invalid request', status: 400,
      detail: 'displayName: must not be blank', instance: '/api/v1/rooms/standup/join',
    };
    expect(problemMessage(problem, 400)).toBe('displayName: must not be blank');
  });

  it('falls back to the title when there is no detail', () => {
    expect(problemMessage({ title: 'Too many requests', status: 429 }, 429)).toBe('Too many requests');
    expect(problemMessage({ title: 'Too many requests', detail: ' ' }, 429)).toBe('Too many requests');
  });

  it('uses a plain-text body, but not an HTML error page', () => {
    expect(problemMessage('Service restarting', 503)).toBe('Service restarting');
    expect(problemMessage('<html><body>Bad gateway</body></html>', 502)).toBe('The server answered with HTTP 502.');
  });

  it('says when nothing useful came back', () => {
    expect(problemMessage({}, 500)).toBe('The server answered with HTTP 500.');
    expect(problemMessage(undefined)).toBe('The server could not be reached.');
  });
});
