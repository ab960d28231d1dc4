/**
 * One link of a relayed session: the peer connection between a stream's publisher and one of its subscribers. The
 * server names both ends in `linkCreated`; the publisher offers, the subscriber answers, and the server only relays
 * the SDP and ICE candidates.
 */

export type PeerFactory = (configuration: RTCConfiguration) => RTCPeerConnection;

export type LinkOptions = {
  linkId: string;
  streamId: string;
  iceServers: RTCIceServer[];
  createPeer: PeerFactory;
  /** Sends an `offer`, `answer` or `candidate` message for this link to the server. */
  send: (message: Record<string, unknown>) => void;
};

/**
 * A camera sent to the media router goes as simulcast encodings (RFC 8853), lowest first: the router forwards each
 * subscriber the one its tile and its downlink suit. How many depends on the camera, as in libwebrtc's own table:
 * Chrome sends no more than two layers below 960x540 and one below 640x360, and it drops the top ones, so a
 * 640x480 camera offered three would never be seen at full size. The lowest layer is a quarter of the size at
 * 50 kbit/s: with its audio and the packets' headers a participant then costs about 140 kbit/s, so that a
 * 500 kbit/s downlink still carries three.
 */
/** Sets each rid-named encoding active when {@code rids} lists it; true when one changed. */
export function layersActive(encodings: RTCRtpEncodingParameters[] | undefined, rids: readonly string[]): boolean {
  let changed = false;
  for (const encoding of encodings ?? []) {
    if (encoding.rid === undefined) {
      continue;
    }
    const active = rids.includes(encoding.rid);
    if (encoding.active !== active) {
      encoding.active = active;
      changed = true;
    }
  }
  return changed;
}

export function simulcastEncodings(height: number | undefined): RTCRtpEncodingParameters[] | undefined {
  if (height !== undefined && height >= 540) {
    return [
      { rid: 'q', scaleResolutionDownBy: 4, maxBitrate: 50_000 },
      { rid: 'h', scaleResolutionDownBy: 2, maxBitrate: 400_000 },
      { rid: 'f', scaleResolutionDownBy: 1, maxBitrate: 1_500_000 },
    ];
  }
  if (height === undefined || height >= 360) {
    return [
      { rid: 'q', scaleResolutionDownBy: 4, maxBitrate: 50_000 },
      { rid: 'f', scaleResolutionDownBy: 1, maxBitrate: 900_000 },
    ];
  }
  return undefined;
}

export class PeerLink {
  readonly linkId: string;
  readonly streamId: string;
  readonly peer: RTCPeerConnection;
  private readonly send: LinkOptions['send'];
  /** Candidates can arrive before the SDP they belong to; they wait here until the remote description is set. */
  private readonly early: RTCIceCandidateInit[] = [];
  private hasRemote = false;
  private closed = false;
  /** The subscriber's received media, put together from the tracks as they arrive. */
  private remote: MediaStream | undefined;
  onRemoteStream: (stream: MediaStream) => void = () => {};

  constructor(options: LinkOptions) {
    this.linkId = options.linkId;
    this.streamId = options.streamId;
    this.send = options.send;
    this.peer = options.createPeer({ iceServers: options.iceServers });
    this.peer.onicecandidate = (event) => {
      // The end-of-candidates null needs no relaying: both ends gather on their own.
      if (event.candidate && !this.closed) {
        const { candidate, sdpMid, sdpMLineIndex } = event.candidate;
        this.send({ type: 'candidate', linkId: this.linkId, candidate: { candidate, sdpMid, sdpMLineIndex } });
      }
    };
    this.peer.ontrack = (event) => {
      const stream = event.streams[0] ?? this.remote ?? new MediaStream();
      if (!event.streams[0] && !stream.getTracks().includes(event.track)) {
        stream.addTrack(event.track);
      }
      this.remote = stream;
      this.onRemoteStream(stream);
    };
  }

  /** The publisher's end: sends the local tracks only (the video in simulcast when asked), and offers. */
  async offer(media: MediaStream, options: { simulcast?: boolean } = {}): Promise<void> {
    for (const track of media.getTracks()) {
      const sendEncodings = options.simulcast && track.kind === 'video'
        ? simulcastEncodings(track.getSettings?.().height) : undefined;
      this.peer.addTransceiver(track, { direction: 'sendonly', streams: [media], ...(sendEncodings ? { sendEncodings } : {}) });
    }
    const offer = await this.peer.createOffer();
    await this.peer.setLocalDescription(offer);
    if (!this.closed) {
      this.send({ type: 'offer', linkId: this.linkId, sdp: offer.sdp });
    }
  }

  /** The subscriber's end: takes the publisher's offer and answers it. */
  async answer(sdp: string): Promise<void> {
    await this.setRemote({ type: 'offer', sdp });
    const answer = await this.peer.createAnswer();
    await this.peer.setLocalDescription(answer);
    if (!this.closed) {
      this.send({ type: 'answer', linkId: this.linkId, sdp: answer.sdp });
    }
  }

  /** The publisher's end: the subscriber answered. */
  async accept(sdp: string): Promise<void> {
    await this.setRemote({ type: 'answer', sdp });
  }

  async addCandidate(candidate: RTCIceCandidateInit | null): Promise<void> {
    if (!candidate || this.closed) {
      return;
    }
    if (!this.hasRemote) {
      this.early.push(candidate);
      return;
    }
    await this.peer.addIceCandidate(candidate);
  }

  getStats(): Promise<RTCStatsReport> {
    return this.peer.getStats();
  }

  /**
   * The publisher's end of a routed link: sends only the simulcast layers the router says anyone receives, so the
   * browser stops encoding (and sending) the others until they are wanted again.
   */
  async sendLayers(rids: readonly string[]): Promise<void> {
    for (const sender of this.peer.getSenders()) {
      if (sender.track?.kind !== 'video') {
        continue;
      }
      const parameters = sender.getParameters();
      if (layersActive(parameters.encodings, rids)) {
        await sender.setParameters(parameters);
      }
    }
  }

  /**
   * The loudest level (0..1) of what this link receives, as its audio receivers last saw it: no statistics report is
   * built, so polling it is cheap.
   */
  audioLevel(): number | undefined {
    let level: number | undefined;
    for (const receiver of this.peer.getReceivers()) {
      if (receiver.track.kind !== 'audio') {
        continue;
      }
      for (const source of receiver.getSynchronizationSources()) {
        if (typeof source.audioLevel === 'number') {
          level = Math.max(level ?? 0, source.audioLevel);
        }
      }
    }
    return level;
  }

  close(): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    this.peer.onicecandidate = null;
    this.peer.ontrack = null;
    this.peer.close();
  }

  private async setRemote(description: RTCSessionDescriptionInit): Promise<void> {
    await this.peer.setRemoteDescription(description);
    this.hasRemote = true;
    for (const candidate of this.early.splice(0)) {
      await this.peer.addIceCandidate(candidate);
    }
  }
}
