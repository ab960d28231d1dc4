/**
 * The media router (SFU) of the embedded platform: one UDP port, ICE-lite, DTLS-SRTP, RTP forwarded without
 * transcoding.
 *
 * <p><b>Vocabulary</b>, mediasoup's: a {@link io.parley.embedded.media.router.WebRtcTransport} is one peer
 * connection with a browser (signaling calls it a link); a {@link io.parley.embedded.media.router.Producer} is a
 * published stream arriving on one; a {@link io.parley.embedded.media.router.Consumer} is one subscriber's copy of a
 * producer, leaving on another; a {@link io.parley.embedded.media.router.RtpObserver} sees a session's decrypted media
 * (the recorder); the {@link io.parley.embedded.media.router.MediaPort} is the one UDP port they all share.
 *
 * <p><b>The threading rule.</b> All router state (transports, producers, consumers, observers, the port's
 * transport tables and the {@link io.parley.embedded.media.router.HandshakeQueue}) has one owner, the media thread:
 * {@link io.parley.embedded.media.router.MediaLoop}, a thread of its own reading the UDP socket. Datagrams, timers and
 * DTLS completions run there. Other threads (signaling, the
 * recorder) call {@link io.parley.embedded.media.router.MediaRouter}, which does the pure work (SDP parsing and
 * building) on the caller's thread and posts the state change to the media thread without waiting for it. The media
 * thread in turn never calls out to code that might wait: signaling hears of a lost peer on a thread of its own, and
 * taps copy what they need and return. The only things other threads touch are thread-safe by construction: the
 * metrics, the drop counters, the socket's send, and a link's remote address, which DTLS handshake threads read.
 *
 * <p><b>DTLS.</b> BouncyCastle's DTLS server blocks a thread per handshake, so handshakes are admitted by the
 * {@code HandshakeQueue}: only after a valid ICE check proved the peer's address, and within a share per session and
 * per address of the 64 handshake threads.
 *
 * <p>This package depends on the protocol packages beside it and on nothing above it: signaling and the recorder use
 * {@link io.parley.embedded.media.router.RoutedMedia} and {@link io.parley.embedded.media.router.RtpObserver}.
 */
package io.parley.embedded.media.router;
