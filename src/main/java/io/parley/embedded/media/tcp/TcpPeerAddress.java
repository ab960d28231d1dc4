package io.parley.embedded.media.tcp;

import java.net.InetSocketAddress;

/**
 * The address of a browser that reached the router over TCP: its IP and port, and the connection it came on.
 *
 * <p>Why an {@link InetSocketAddress}: ICE, the router's address table and every send work with the address a
 * datagram came from, and a frame on a TCP connection is such a datagram. An address of this type stands for the
 * connection, so sending to it frames the datagram there. Beware: {@code InetSocketAddress} equality is final and
 * by IP and port, so a UDP address with the same numbers equals this one; tables of paths keep TCP ones apart, by
 * {@link #connection()}.
 */
public final class TcpPeerAddress extends InetSocketAddress {

    private static final long serialVersionUID = 1L;

    private final transient FramedConnection connection;

    TcpPeerAddress(InetSocketAddress remote, FramedConnection connection) {
        super(remote.getAddress(), remote.getPort());
        this.connection = connection;
    }

    public FramedConnection connection() {
        return connection;
    }

    @Override
    public String toString() {
        return "tcp:" + super.toString();
    }
}
