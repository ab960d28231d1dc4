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

  /** The publisher's end: sends the local tracks only, and offers. */
  async offer(media: MediaStream): Promise<void> {
    for (const track of media.getTracks()) {
      this.peer.addTransceiver(track, { direction: 'sendonly', streams: [media] });
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
