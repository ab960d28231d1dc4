/**
 * Which signaling URL to connect to. With several media nodes, a session lives on one of them: the join answer
 * names it (`signalingUrl`), a node that does not carry the session answers `redirect` and close code 4010, and
 * `nodes` lists the live nodes to fall back on when this one goes away (it is then tried after the page's own
 * address, which on Kubernetes is the Service and reaches a live node). The README's "Media nodes" section.
 */
export const CLOSE_MOVED = 4010;

/** At most this many redirects in a row before a connect counts as failed (two nodes that disagree for a moment). */
export const MAX_REDIRECTS = 4;

export class SignalingTargets {
  private url: string;
  private nodes: string[] = [];

  /** `home` is the page's own signaling URL; `first`, if given, the node the join answer named. */
  constructor(private readonly home: string, first?: string) {
    this.url = first !== undefined && this.acceptable(first) ? first : home;
  }

  /** The URL to connect to now. */
  get current(): string {
    return this.url;
  }

  /** A node sent us elsewhere: to `url`, or with none through the page's own address. */
  redirect(url: unknown): void {
    this.url = typeof url === 'string' && this.acceptable(url) ? url : this.home;
  }

  /** The live nodes as the server last listed them. */
  learn(urls: unknown): void {
    if (Array.isArray(urls)) {
      this.nodes = urls.filter((u): u is string => typeof u === 'string' && this.acceptable(u));
    }
  }

  /** The current URL failed: the next one to try, cycling through the page's address and the known nodes. */
  moveOn(): string {
    const candidates = [...new Set([this.home, ...this.nodes])];
    const at = candidates.indexOf(this.url);
    this.url = candidates[(at + 1) % candidates.length] ?? this.home;
    return this.url;
  }

  /** A WebSocket URL, and a secure one if the page's own is: the token never travels in clear from an HTTPS page. */
  private acceptable(url: string): boolean {
    try {
      const protocol = new URL(url).protocol;
      return protocol === 'wss:' || (protocol === 'ws:' && !this.home.startsWith('wss:'));
    } catch {
      return false;
    }
  }
}
