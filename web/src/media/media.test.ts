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

describe('levelBetween', () => {
  it('answers the RMS level of the interval, so a short loud sound between two readings still counts', async () => {
    const { levelBetween, linkStatsOf } = await import('./embedded/diagnostics');
    // 20 ms at level 0.5 within two seconds of silence: at any one moment the level is most likely 0
    const before = { energy: 1.0, seconds: 10 };
    const after = { energy: 1.0 + 0.5 * 0.5 * 0.02, seconds: 12 };
    expect(levelBetween(before, after)).toBeCloseTo(0.05, 3);
    expect(levelBetween(after, after)).toBeUndefined();
    expect(levelBetween(undefined, { energy: 0.25, seconds: 1 })).toBeCloseTo(0.5, 6);

    const report = new Map<string, unknown>([['a', {
      type: 'inbound-rtp', kind: 'audio', audioLevel: 0, totalAudioEnergy: 3, totalSamplesDuration: 12,
      packetsLost: 0, packetsReceived: 10,
    }]]) as unknown as RTCStatsReport;
    expect(linkStatsOf(report).audioEnergy).toEqual({ energy: 3, seconds: 12 });
  });
});

describe('selectedTransportOf and senderReportsOf', () => {
  it('follow the transport to its selected pair and local candidate, and count sender reports per kind', async () => {
    const { selectedTransportOf, senderReportsOf } = await import('./embedded/diagnostics');
    const report = new Map<string, Record<string, unknown>>([
      ['T01', { type: 'transport', selectedCandidatePairId: 'CP2' }],
      ['CP1', { type: 'candidate-pair', localCandidateId: 'L1' }],
      ['CP2', { type: 'candidate-pair', localCandidateId: 'L2' }],
      ['L1', { type: 'local-candidate', protocol: 'udp' }],
      ['L2', { type: 'local-candidate', protocol: 'tcp' }],
      ['RA', { type: 'remote-outbound-rtp', kind: 'audio', reportsSent: 3 }],
      ['RV', { type: 'remote-outbound-rtp', kind: 'video', reportsSent: 5 }],
    ]) as unknown as RTCStatsReport;
    expect(selectedTransportOf(report)).toBe('tcp');
    expect(senderReportsOf(report)).toEqual({ audio: 3, video: 5 });
    expect(selectedTransportOf(new Map() as unknown as RTCStatsReport)).toBe('');
  });
});

describe('outboundVideoOf', () => {
  it('sums the camera over its layers and keeps each layer\'s frames apart', async () => {
    const { outboundVideoOf } = await import('./embedded/diagnostics');
    const report = new Map<string, Record<string, unknown>>([
      ['Q', { type: 'outbound-rtp', kind: 'video', rid: 'q', framesEncoded: 200, bytesSent: 1000 }],
      ['F', { type: 'outbound-rtp', kind: 'video', rid: 'f', framesEncoded: 60, bytesSent: 9000 }],
      ['A', { type: 'outbound-rtp', kind: 'audio', bytesSent: 500 }],
    ]) as unknown as RTCStatsReport;
    const sent = outboundVideoOf(report);
    expect(sent.framesEncoded).toBe(260);
    expect(sent.bytesSent).toBe(10_000);
    expect(sent.framesEncodedByLayer).toEqual({ q: 200, f: 60 });
    const plain = new Map([['V', { type: 'outbound-rtp', kind: 'video', framesEncoded: 7 }]]) as unknown as RTCStatsReport;
    expect(outboundVideoOf(plain).framesEncodedByLayer).toEqual({ '': 7 });
  });
});

describe('simulcastEncodings', () => {
  it('sends as many layers as the camera is large for, lowest first', async () => {
    const { simulcastEncodings } = await import('./embedded/peer');
    expect(simulcastEncodings(720)?.map((e) => [e.rid, e.scaleResolutionDownBy])).toEqual([['q', 4], ['h', 2], ['f', 1]]);
    expect(simulcastEncodings(480)?.map((e) => [e.rid, e.scaleResolutionDownBy])).toEqual([['q', 4], ['f', 1]]);
    expect(simulcastEncodings(240)).toBeUndefined();
    expect(simulcastEncodings(720)?.[0]?.maxBitrate).toBeLessThanOrEqual(50_000);
  });
});

describe('layersActive', () => {
  it('turns on the layers the router names and off the others, and says whether anything changed', async () => {
    const { layersActive } = await import('./embedded/peer');
    const encodings: RTCRtpEncodingParameters[] = [{ rid: 'q', active: true }, { rid: 'h', active: true },
      { rid: 'f', active: true }];
    expect(layersActive(encodings, ['q', 'h'])).toBe(true);
    expect(encodings.map((e) => e.active)).toEqual([true, true, false]);
    expect(layersActive(encodings, ['q', 'h'])).toBe(false);
    expect(layersActive(encodings, ['q', 'h', 'f'])).toBe(true);
    expect(encodings.map((e) => e.active)).toEqual([true, true, true]);
    expect(layersActive([{ active: true }], ['q'])).toBe(false);
  });
});

describe('viewChanged', () => {
  it('tells the first height, hiding and showing, and changes over a tenth', async () => {
    const { viewChanged } = await import('./embedded/subscriptions');
    expect(viewChanged(undefined, 240)).toBe(true);
    expect(viewChanged(240, 0)).toBe(true);
    expect(viewChanged(0, 240)).toBe(true);
    expect(viewChanged(240, 250)).toBe(false);
    expect(viewChanged(240, 120)).toBe(true);
    expect(viewChanged(0, 0)).toBe(false);
  });
});
