package io.parley.embedded.media.router;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The media thread: one platform thread that reads the router's UDP socket, runs the state changes other threads
 * post to it, and its timers, in that order, forever. It owns the router's state (see the package comment).
 *
 * <p>Why not a Vert.x datagram socket: Vert.x sizes every read buffer to the socket's receive buffer, so with the
 * 4 MiB kernel buffer a burst needs, each datagram cost a fresh, zeroed 4 MiB heap buffer, plus a copy and a host
 * name parse; that was most of the router's CPU with two publishers and nobody to forward to. Here one direct buffer
 * and one array serve every datagram, and the sender's address is the JDK's cached one when it repeats.
 */
final class MediaLoop implements Executor {

    private static final Logger LOG = Logger.getLogger(MediaLoop.class);
    /** Larger than any datagram a browser sends (MTU-sized); a larger one is truncated and fails its checks. */
    static final int MAX_DATAGRAM = 2048;
    /** Datagrams read per wake-up before posted changes and timers get their turn. */
    private static final int READ_BATCH = 64;
    /** Datagrams read per turn while nothing awaits them: a tick's worth of many publishers. */
    private static final int BACKLOG_BATCH = 4096;
    private static final int RECEIVE_BUFFER = 4 * 1024 * 1024;

    /** Where datagrams go; called on the media thread with an array reused for the next datagram. */
    interface Datagrams {
        void receive(InetSocketAddress from, byte[] datagram, int length);
    }

    private record Periodic(long periodNanos, Runnable work, BooleanSupplier wanted, long[] next) {
    }

    private final DatagramChannel channel;
    private final Selector selector;
    private final SelectionKey readiness;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> posted = new ConcurrentLinkedQueue<>();
    private final List<Periodic> timers = new ArrayList<>();
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final byte[] datagram = new byte[MAX_DATAGRAM];
    private final int port;
    private final Datagrams datagrams;
    private volatile boolean running = true;
    // media thread only
    private BooleanSupplier awaited = () -> true;
    private boolean prompt = true;

    /** Binds {@code host:port} (0 for any free port) and starts the thread. */
    MediaLoop(String host, int requestedPort, Datagrams datagrams) throws IOException {
        InetSocketAddress bind = new InetSocketAddress(host, requestedPort);
        this.channel = DatagramChannel.open(bind.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, RECEIVE_BUFFER);
            channel.bind(bind);
            channel.configureBlocking(false);
            this.selector = Selector.open();
            this.readiness = channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        this.port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        this.datagrams = datagrams;
        this.thread = new Thread(this::run, "parley-media");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return port;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Posts a state change; it runs on the media thread after what was posted before it. */
    @Override
    public void execute(Runnable change) {
        posted.add(change);
        if (!inLoop()) {
            selector.wakeup();
        }
    }

    /**
     * Runs {@code work} on the media thread every {@code millis} while {@code wanted} (read on the media thread)
     * says so. An unwanted timer does not wake the thread at all: an idle router costs nothing but its socket.
     */
    void every(long millis, BooleanSupplier wanted, Runnable work) {
        long period = TimeUnit.MILLISECONDS.toNanos(millis);
        execute(() -> timers.add(new Periodic(period, work, wanted, new long[] {System.nanoTime() + period})));
    }

    /**
     * Datagrams wake the thread only while {@code awaited} (read on the media thread) says someone waits for them;
     * otherwise they queue in the socket's buffer and are read on the next timer or posted change. A small meeting's
     * packets arrive a few hundred times a second, and each wake-up (the scheduler, epoll, the selector, a read that
     * finds nothing) cost more than the packet it carried when nothing was forwarded.
     */
    void readPromptlyWhile(BooleanSupplier awaited) {
        execute(() -> this.awaited = awaited);
    }

    /** Sends one datagram; safe from any thread (DatagramChannel's send is). A full socket buffer drops it. */
    boolean send(InetSocketAddress to, byte[] packet, int length) {
        try {
            return channel.send(ByteBuffer.wrap(packet, 0, length), to) > 0;
        } catch (IOException e) {
            LOG.debugf("UDP send to %s failed: %s", to, e.getMessage());
            return false;
        }
    }

    /**
     * Stops the thread and closes the socket once the changes posted so far have run. From another thread it waits
     * for the thread to end; on the media thread it returns at once.
     */
    void close() {
        running = false;
        if (inLoop()) {
            return;
        }
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (running) {
                turn();
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("The media thread stopped", e);
        } finally {
            try {
                selector.close();
                channel.close();
            } catch (IOException e) {
                LOG.debug("Closing the media socket failed", e);
            }
        }
    }

    /**
     * One wake-up: wait for a datagram, a posted change or the next timer, then handle all three. A method of its own
     * so the JIT compiles it by its call count: a loop body inlined in run() waits for on-stack replacement, which at
     * a small meeting's few hundred wake-ups a second takes minutes, and until then runs interpreted.
     */
    private void turn() throws IOException {
        boolean promptNow = awaited.getAsBoolean();
        if (promptNow != prompt) {
            prompt = promptNow;
            readiness.interestOps(promptNow ? SelectionKey.OP_READ : 0);
        }
        long timeout = untilNextTimer();
        if (!posted.isEmpty() || timeout == 0) {
            selector.selectNow();
        } else {
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeout)));
        }
        dispatchSelected();
        readBatch(prompt ? READ_BATCH : BACKLOG_BATCH);
        runPosted();
        runTimers();
    }

    /**
     * Registers another channel (the ICE-TCP listener and its connections) with the media thread's selector; when it
     * is ready, {@code ready} runs on the media thread. Media thread only: a selector registers nothing while another
     * thread selects on it.
     */
    SelectionKey attach(SelectableChannel other, int ops, Consumer<SelectionKey> ready) throws IOException {
        return other.register(selector, ops, ready);
    }

    /** The UDP socket is read by readBatch whatever its readiness; other channels carry their handler. */
    @SuppressWarnings("unchecked")
    private void dispatchSelected() {
        Set<SelectionKey> selected = selector.selectedKeys();
        if (selected.size() == 1 && selected.contains(readiness)) {
            selected.clear();
            return;
        }
        for (SelectionKey key : selected) {
            if (key.attachment() instanceof Consumer<?> ready) {
                try {
                    ((Consumer<SelectionKey>) ready).accept(key);
                } catch (RuntimeException e) {
                    LOG.error("A TCP connection's handling failed; the router carries on", e);
                }
            }
        }
        selected.clear();
    }

    private void readBatch(int most) throws IOException {
        for (int i = 0; i < most; i++) {
            receiveBuffer.clear();
            SocketAddress from = channel.receive(receiveBuffer);
            if (from == null) {
                return;
            }
            receiveBuffer.flip();
            int length = receiveBuffer.remaining();
            receiveBuffer.get(datagram, 0, length);
            try {
                datagrams.receive((InetSocketAddress) from, datagram, length);
            } catch (RuntimeException e) {
                LOG.error("A datagram's handling failed; the router carries on", e);
            }
        }
    }

    private void runPosted() {
        Runnable change;
        while ((change = posted.poll()) != null) {
            guard(change);
        }
    }

    private void runTimers() {
        long now = System.nanoTime();
        for (Periodic timer : timers) {
            if (!timer.wanted().getAsBoolean()) {
                timer.next()[0] = now + timer.periodNanos();
            } else if (now - timer.next()[0] >= 0) {
                // fixed rate without catching up: a late tick runs once, then on the period again
                timer.next()[0] = Math.max(timer.next()[0] + timer.periodNanos(), now);
                guard(timer.work());
            }
        }
    }

    private long untilNextTimer() {
        long now = System.nanoTime();
        long soonest = Long.MAX_VALUE;
        for (Periodic timer : timers) {
            if (timer.wanted().getAsBoolean()) {
                soonest = Math.min(soonest, Math.max(0, timer.next()[0] - now));
            }
        }
        // nothing due: sleep until a datagram or a posted change wakes the thread
        return soonest == Long.MAX_VALUE ? TimeUnit.SECONDS.toNanos(10) : soonest;
    }

    /** One bad datagram or change must not stop the thread that carries everyone's media. */
    private static void guard(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("A media thread task failed; the router carries on", e);
        }
    }
}
