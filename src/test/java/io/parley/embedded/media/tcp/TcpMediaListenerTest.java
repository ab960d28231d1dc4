package io.parley.embedded.media.tcp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ICE-TCP listener on a real port, driven by a selector loop of the test's own: frames reassembled however the
 * bytes arrive, frames no browser sends ending only their connection, the limits on connections and on what a slow
 * reader can make the router queue, and the sweep of connections that proved nothing.
 */
class TcpMediaListenerTest {

    private static final int MAX_FRAME = 2048;

    private final Selector selector;
    private final List<String> frames = new ArrayList<>();
    private final List<TcpPeerAddress> opened = new ArrayList<>();
    private final List<TcpPeerAddress> closed = new ArrayList<>();
    private final List<TcpMediaListener.TcpDrop> drops = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final TcpMediaListener listener;

    TcpMediaListenerTest() throws IOException {
        selector = Selector.open();
        TcpMediaListener.Events events = new TcpMediaListener.Events() {
            @Override
            public void frame(TcpPeerAddress from, byte[] frame, int length) {
                frames.add(new String(frame, 0, length));
            }

            @Override
            public void opened(TcpPeerAddress peer) {
                opened.add(peer);
            }

            @Override
            public void closed(TcpPeerAddress peer) {
                closed.add(peer);
            }

            @Override
            public void dropped(TcpMediaListener.TcpDrop reason) {
                drops.add(reason);
            }
        };
        listener = TcpMediaListener.listen("127.0.0.1", 0, (channel, ops, ready) -> channel.register(selector, ops,
                ready), events, MAX_FRAME, 4, 3);
    }

    @AfterEach
    void close() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        listener.close();
        selector.close();
    }

    @Test
    void framesAreReassembledHoweverTheBytesArrive() throws Exception {
        Socket peer = connect();
        // two frames in one write, then a third split inside its length and inside its body
        peer.getOutputStream().write(new byte[] {0, 3, 'o', 'n', 'e', 0, 3, 't', 'w', 'o', 0});
        pumpUntil(() -> frames.size() == 2);
        peer.getOutputStream().write(new byte[] {5, 't', 'h'});
        pump(50);
        assertThat(frames).containsExactly("one", "two");
        peer.getOutputStream().write(new byte[] {'r', 'e', 'e'});
        pumpUntil(() -> frames.size() == 3);
        assertThat(frames).containsExactly("one", "two", "three");
    }

    @Test
    void whatIsSentArrivesFramed() throws Exception {
        Socket peer = connect();
        assertThat(opened.get(0).connection().send("hello".getBytes(), 5)).isTrue();
        DataInputStream in = new DataInputStream(peer.getInputStream());
        assertThat(in.readUnsignedShort()).isEqualTo(5);
        byte[] body = new byte[5];
        in.readFully(body);
        assertThat(new String(body)).isEqualTo("hello");
    }

    @Test
    void aFrameNoBrowserSendsEndsOnlyItsConnection() throws Exception {
        Socket good = connect();
        Socket zero = connect();
        Socket huge = connect();
        zero.getOutputStream().write(new byte[] {0, 0});
        int tooLong = MAX_FRAME + 1;
        huge.getOutputStream().write(new byte[] {(byte) (tooLong >>> 8), (byte) tooLong, 1});
        pumpUntil(() -> closed.size() == 2);
        assertThat(drops).containsExactly(TcpMediaListener.TcpDrop.BAD_FRAME, TcpMediaListener.TcpDrop.BAD_FRAME);
        good.getOutputStream().write(new byte[] {0, 2, 'o', 'k'});
        pumpUntil(() -> frames.contains("ok"));
        assertThat(listener.connections()).isEqualTo(1);
    }

    @Test
    void connectionsAreBoundedPerAddress() throws Exception {
        for (int i = 0; i < 4; i++) {
            sockets.add(new Socket("127.0.0.1", listener.port()));
        }
        pumpUntil(() -> opened.size() == 3 && drops.size() == 1);
        assertThat(drops).containsExactly(TcpMediaListener.TcpDrop.TOO_MANY_CONNECTIONS);
        assertThat(listener.connections()).isEqualTo(3);
    }

    @Test
    void aConnectionThatProvesNothingIsClosedAndACheckedOneLastsWhileItSpeaks() throws Exception {
        connect();
        connect();
        FramedConnection checked = opened.get(1).connection();
        checked.checked();
        long now = System.nanoTime();
        listener.sweep(now + TcpMediaListener.UNCHECKED_TIMEOUT + TimeUnit.SECONDS.toNanos(1));
        assertThat(closed).containsExactly(opened.get(0));
        assertThat(drops).containsExactly(TcpMediaListener.TcpDrop.UNCHECKED_TIMEOUT);
        listener.sweep(now + TcpMediaListener.IDLE_TIMEOUT + TimeUnit.SECONDS.toNanos(1));
        assertThat(closed).containsExactly(opened.get(0), opened.get(1));
        assertThat(drops).endsWith(TcpMediaListener.TcpDrop.IDLE_TIMEOUT);
    }

    @Test
    void aPeerThatDoesNotReadMakesTheRouterQueueNoMoreThanItsShare() throws Exception {
        Socket peer = connect();
        FramedConnection connection = opened.get(0).connection();
        byte[] packet = new byte[1200];
        int sent = 0;
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            if (connection.send(packet, packet.length)) {
                sent++;
            } else {
                refused++;
            }
        }
        assertThat(refused).as("frames dropped once the queue is full").isPositive();
        // what was accepted went to the kernel's buffers, and at most the queue's share waits in the router
        System.out.printf("accepted %d frames of 1200 bytes, dropped %d%n", sent, refused);
        assertThat(connection.queuedBytes()).isPositive().isLessThanOrEqualTo(FramedConnection.MAX_QUEUED_BYTES);
        // the frames accepted arrive whole and in order once the peer reads
        DataInputStream in = new DataInputStream(peer.getInputStream());
        java.util.concurrent.atomic.AtomicInteger read = new java.util.concurrent.atomic.AtomicInteger();
        Thread reader = new Thread(() -> {
            try {
                while (true) {
                    int length = in.readUnsignedShort();
                    in.readFully(new byte[length]);
                    if (length != 1200) {
                        throw new AssertionError("a frame of " + length);
                    }
                    read.incrementAndGet();
                }
            } catch (IOException e) {
                // closed by the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (read.get() < sent && System.nanoTime() < deadline) {
            selector.select(10);
            dispatch();
        }
        assertThat(read.get()).isEqualTo(sent);
        assertThat(connection.queuedBytes()).isZero();
    }

    private Socket connect() throws Exception {
        Socket socket = new Socket("127.0.0.1", listener.port());
        sockets.add(socket);
        int before = opened.size();
        pumpUntil(() -> opened.size() > before);
        return socket;
    }

    private void pumpUntil(BooleanSupplier done) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for the listener").isLessThan(deadline);
            selector.select(10);
            dispatch();
        }
    }

    private void pump(long millis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            selector.select(10);
            dispatch();
        }
    }

    @SuppressWarnings("unchecked")
    private void dispatch() {
        for (SelectionKey key : selector.selectedKeys()) {
            ((Consumer<SelectionKey>) key.attachment()).accept(key);
        }
        selector.selectedKeys().clear();
    }
}
