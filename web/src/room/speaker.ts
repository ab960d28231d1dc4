/**
 * Who is speaking, from audio levels sampled a few times a second (0..1 as WebRTC's audioLevel reports them). A tile
 * counts as speaking for a moment after its level passes the threshold, so the ring does not flicker between words;
 * the active speaker changes only when someone else has been louder for a while, so the speaker view does not jump.
 */
export const SPEAKING_LEVEL = 0.04;
const HOLD_MS = 1200;
const SWITCH_AFTER_MS = 600;

export class SpeakerDetector {
  private readonly lastLoud = new Map<string, number>();
  private active: string | undefined;
  private challenger: { key: string; since: number } | undefined;

  /** Takes one sample of levels by key; answers who is speaking now and the active speaker. */
  update(levels: ReadonlyMap<string, number>, now: number): { speaking: Set<string>; active: string | undefined } {
    for (const [key, level] of levels) {
      if (level >= SPEAKING_LEVEL) {
        this.lastLoud.set(key, now);
      }
    }
    const speaking = new Set<string>();
    for (const [key, at] of this.lastLoud) {
      if (!levels.has(key) && now - at > HOLD_MS) {
        this.lastLoud.delete(key);
      } else if (now - at <= HOLD_MS) {
        speaking.add(key);
      }
    }
    let loudest: string | undefined;
    let loudestLevel = SPEAKING_LEVEL;
    for (const [key, level] of levels) {
      if (level >= loudestLevel) {
        loudest = key;
        loudestLevel = level;
      }
    }
    if (loudest === undefined || loudest === this.active) {
      this.challenger = undefined;
    } else if (this.active === undefined || !speaking.has(this.active)) {
      this.active = loudest;
      this.challenger = undefined;
    } else if (this.challenger?.key !== loudest) {
      this.challenger = { key: loudest, since: now };
    } else if (now - this.challenger.since >= SWITCH_AFTER_MS) {
      this.active = loudest;
      this.challenger = undefined;
    }
    return { speaking, active: this.active };
  }

  forget(key: string): void {
    this.lastLoud.delete(key);
    if (this.active === key) {
      this.active = undefined;
    }
  }
}
