package io.parley.embedded.media.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The router's passive TCP candidate (RFC 6544): a listening socket whose accepted connections carry RFC 4571 frames.
 * Runs on the media thread, registered with its selector; nothing here blocks.
 *
 * <p>A TCP connection costs the router a socket and buffers before the peer has proven anything, so connections are
 * bounded: in all, per remote IP address (one browser opens one per peer connection, and a NAT puts many browsers
 * behind one address), and in time: one that brings no valid ICE check within {@link #UNCHECKED_TIMEOUT} (its peer
 * never knew an ICE password) or receives nothing for {@link #IDLE_TIMEOUT} (ICE consent checks come every few
 * seconds) is closed.
 */
public final class TcpMediaListener implements AutoCloseable {

    static final long UNCHECKED_TIMEOUT = TimeUnit.SECONDS.toNanos(10);
    static final long IDLE_TIMEOUT = TimeUnit.SECONDS.toNanos(30);

    /** How the listener registers its sockets with the media thread's selector. */
    public interface Registrar {
        SelectionKey register(SelectableChannel channel, int ops, Consumer<SelectionKey> ready) throws IOException;
    }

    /** What the router hears from the listener, on the media thread. */
    public interface Events extends FramedConnection.Frames {
        /** A connection was accepted. */
        void opened(TcpPeerAddress peer);

        /** The connection is closed: the address no longer reaches anyone. */
        void closed(TcpPeerAddress peer);

        /** A connection was refused or closed for a reason worth counting. */
        void dropped(TcpDrop reason);
    }

    /** Why a connection was refused or ended by the router. */
    public enum TcpDrop { TOO_MANY_CONNECTIONS, BAD_FRAME, UNCHECKED_TIMEOUT, IDLE_TIMEOUT }

    private final ServerSocketChannel server;
    private final Registrar registrar;
    private final Events events;
    private final int maxFrame;
    private final int maxConnections;
    private final int maxPerAddress;
    private final byte[] scratch;
    private final Map<InetSocketAddress, FramedConnection> connections = new HashMap<>();
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();

    private TcpMediaListener(ServerSocketChannel server, Registrar registrar, Events events, int maxFrame,
                             int maxConnections, int maxPerAddress) {
        this.server = server;
        this.registrar = registrar;
        this.events = events;
        this.maxFrame = maxFrame;
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
        this.scratch = new byte[maxFrame];
    }

    /** Binds {@code host:port} (0 for any free port) and registers for connections. Media thread. */
    public static TcpMediaListener listen(String host, int port, Registrar registrar, Events events, int maxFrame,
                                          int maxConnections, int maxPerAddress) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(host, port), 128);
            server.configureBlocking(false);
            TcpMediaListener listener = new TcpMediaListener(server, registrar, events, maxFrame, maxConnections,
                    maxPerAddress);
            registrar.register(server, SelectionKey.OP_ACCEPT, key -> listener.accept());
            return listener;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public int port() {
        return server.socket().getLocalPort();
    }

    /** Connections open now. */
    public int connections() {
        return connections.size();
    }

    /** Media thread, about once a second: closes the connections that proved nothing or went quiet. */
    public void sweep(long nowNanos) {
        List<FramedConnection> expired = new ArrayList<>();
        for (FramedConnection connection : connections.values()) {
            if (!connection.isChecked() && nowNanos - connection.openedNanos() > UNCHECKED_TIMEOUT) {
                events.dropped(TcpDrop.UNCHECKED_TIMEOUT);
                expired.add(connection);
            } else if (nowNanos - connection.lastFrameNanos() > IDLE_TIMEOUT) {
                events.dropped(TcpDrop.IDLE_TIMEOUT);
                expired.add(connection);
            } else if (connection.isClosed()) {
                // a send failed: the peer reset the connection
                expired.add(connection);
            }
        }
        expired.forEach(this::end);
    }

    @Override
    public void close() {
        new ArrayList<>(connections.values()).forEach(this::end);
        try {
            server.close();
        } catch (IOException e) {
            // the listening socket is gone either way
        }
    }

    private void accept() {
        while (true) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                return;
            }
            if (channel == null) {
                return;
            }
            admit(channel);
        }
    }

    private void admit(SocketChannel channel) {
        try {
            InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
            int fromThere = perAddress.getOrDefault(remote.getAddress(), 0);
            if (connections.size() >= maxConnections || fromThere >= maxPerAddress) {
                events.dropped(TcpDrop.TOO_MANY_CONNECTIONS);
                channel.close();
                return;
            }
            channel.configureBlocking(false);
            // media is latency-bound: a frame must not wait for the next to fill a segment
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            FramedConnection connection = new FramedConnection(channel, remote, maxFrame, System.nanoTime());
            SelectionKey key = registrar.register(channel, SelectionKey.OP_READ, ready -> ready(connection, ready));
            connection.key(key);
            connections.put(connection.address(), connection);
            perAddress.merge(remote.getAddress(), 1, Integer::sum);
            events.opened(connection.address());
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing: nothing more to release
            }
        }
    }

    private void ready(FramedConnection connection, SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.isWritable()) {
            connection.flush();
        }
        if (key.isReadable()) {
            FramedConnection.Read read;
            try {
                read = connection.read(scratch, events, System.nanoTime());
            } catch (IOException e) {
                read = FramedConnection.Read.ENDED;
            }
            if (read == FramedConnection.Read.BAD_FRAME) {
                events.dropped(TcpDrop.BAD_FRAME);
            }
            if (read != FramedConnection.Read.OPEN) {
                end(connection);
            }
        }
    }

    private void end(FramedConnection connection) {
        if (connections.remove(connection.address()) == null) {
            return;
        }
        connection.close();
        InetAddress ip = connection.address().getAddress();
        perAddress.computeIfPresent(ip, (a, n) -> n > 1 ? n - 1 : null);
        events.closed(connection.address());
    }
}
