/**
 * Turns a failed API call into one sentence for the user. Parley answers every error as RFC 9457 problem+json, whose
 * `detail` says what was wrong with this request; `title` names the kind of problem.
 */
export function problemMessage(error: unknown, status?: number): string {
  if (typeof error === 'object' && error !== null) {
    const { detail, title } = error as { detail?: unknown; title?: unknown };
    if (typeof detail === 'string' && detail.trim() !== '') {
      return detail;
    }
    if (typeof title === 'string' && title.trim() !== '') {
      return title;
    }
  }
  if (typeof error === 'string' && error.trim() !== '' && !error.trimStart().startsWith('<')) {
    return error.trim();
  }
  return status === undefined ? 'The server could not be reached.' : `The server answered with HTTP ${status}.`;
}

