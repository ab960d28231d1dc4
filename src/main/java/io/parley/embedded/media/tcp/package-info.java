/**
 * ICE over TCP for the media router (RFC 6544 passive candidates, RFC 4571 framing): a browser whose network blocks
 * UDP opens a TCP connection to the router's TCP port and sends over it, each framed with a two-byte length, exactly
 * the datagrams it would have sent over UDP (STUN, DTLS, SRTP).
 *
 * <p>The router treats a frame as a datagram from the connection's {@link io.parley.embedded.media.tcp.TcpPeerAddress},
 * so ICE, DTLS and the forwarding path are the same for both transports; sending to such an address frames the
 * datagram on its connection. This package knows nothing of the router: it is given a selector to register with and
 * a place to hand frames to.
 */
package io.parley.embedded.media.tcp;
