package io.parley.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A lossy, slow UDP path in front of a server, for browsers in a {@link NetworkNamespace}: what {@code tc netem} would
 * do, for a kernel that has no netem. It listens where the server announces itself ({@code front}) and relays every
 * datagram, both ways, to the server's real socket ({@code target}) through a socket of its own per client, as a
 * NAT would. Clients whose address {@code impaired} accepts lose each datagram with probability {@code loss} and
 * wait {@code oneWayDelay} in each direction; the others pass at once.
 *
 * <p>Real packets, outside the server: the server sees nothing but datagrams late or missing. Threads: one reads the
 * front socket, one per client reads its relay socket, one sends what is delayed. {@link #close} stops them all.
 */
public final class ImpairedUdpPath implements AutoCloseable {

    private final DatagramSocket front;
    private final InetSocketAddress target;
    private final Predicate<InetAddress> impaired;
    private final double loss;
    private final long delayNanos;
    private final Random random;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "late"));
    private final Map<InetSocketAddress, DatagramSocket> relays = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong relayed = new AtomicLong();
    private volatile boolean open = true;

    public ImpairedUdpPath(InetSocketAddress front, InetSocketAddress target, Predicate<InetAddress> impaired,
                           double loss, Duration oneWayDelay, long seed) throws SocketException {
        this.front = new DatagramSocket(front);
        this.target = target;
        this.impaired = impaired;
        this.loss = loss;
        this.delayNanos = oneWayDelay.toNanos();
        this.random = new Random(seed);
        daemon(this::fromClients, "impaired-front").start();
    }

    /** Datagrams the path dropped on purpose, both directions. */
    public long dropped() {
        return dropped.get();
    }

    public long relayed() {
        return relayed.get();
    }

    @Override
    public void close() {
        open = false;
        front.close();
        relays.values().forEach(DatagramSocket::close);
        later.shutdownNow();
    }

    private void fromClients() {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (open) {
            try {
                front.receive(packet);
            } catch (IOException e) {
                return;
            }
            InetSocketAddress client = (InetSocketAddress) packet.getSocketAddress();
            DatagramSocket relay = relays.computeIfAbsent(client, this::relayFor);
            if (relay != null) {
                pass(client.getAddress(), Arrays.copyOf(buffer, packet.getLength()), relay, target);
            }
        }
    }

    private DatagramSocket relayFor(InetSocketAddress client) {
        try {
            DatagramSocket relay = new DatagramSocket(new InetSocketAddress(target.getAddress(), 0));
            daemon(() -> fromServer(relay, client), "impaired-" + client.getPort()).start();
            return relay;
        } catch (SocketException e) {
            return null;
        }
    }

    private void fromServer(DatagramSocket relay, InetSocketAddress client) {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (open) {
            try {
                relay.receive(packet);
            } catch (IOException e) {
                return;
            }
            pass(client.getAddress(), Arrays.copyOf(buffer, packet.getLength()), front, client);
        }
    }

    private void pass(InetAddress client, byte[] datagram, DatagramSocket via, InetSocketAddress to) {
        if (!impaired.test(client)) {
            send(datagram, via, to);
            return;
        }
        boolean lost;
        synchronized (random) {
            lost = random.nextDouble() < loss;
        }
        if (lost) {
            dropped.incrementAndGet();
            return;
        }
        try {
            later.schedule(() -> send(datagram, via, to), delayNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed
        }
    }

    private void send(byte[] datagram, DatagramSocket via, InetSocketAddress to) {
        try {
            via.send(new DatagramPacket(datagram, datagram.length, to));
            relayed.incrementAndGet();
        } catch (IOException e) {
            // closed, or the client went away
        }
    }

    private static Thread daemon(Runnable work, String name) {
        Thread thread = new Thread(work, "parley-test-" + name);
        thread.setDaemon(true);
        return thread;
    }
}
