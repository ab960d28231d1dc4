package io.parley.embedded.media.router;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * Admits DTLS handshakes to the router's handshake threads so that no session and no client address can take more
 * than its share of them.
 *
 * <p>A handshake holds a thread from its start until the peer's Finished or its timeout (BouncyCastle's DTLS server
 * is blocking), so a peer that passes ICE and then sends nothing holds one for the whole timeout. Without admission,
 * one publisher re-offering ~70 times filled the pool, and victims in other sessions lost their streams at once. Here
 * a handshake starts only while fewer than {@code capacity} run in all, fewer than {@code perSession} in its session
 * and fewer than {@code perAddress} from its address; otherwise it waits, in order, until one of those ends. A
 * session or address with {@code maxWaiting} handshakes already waiting is refused.
 *
 * <p>Not thread-safe: owned by the router's media thread, like the rest of the router's state.
 */
final class HandshakeQueue {

    /** One handshake to admit: who it belongs to, and what starts it. */
    record Request(String sessionId, InetAddress address, Runnable start) {
        Request {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(start, "start");
        }
    }

    /** Whether a request was started at once, put in line, or refused because its session or address has too many. */
    enum Admission { STARTED, WAITING, REFUSED }

    private final int capacity;
    private final int perSession;
    private final int perAddress;
    private final int maxWaiting;
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private final Map<String, Integer> runningBySession = new HashMap<>();
    private final Map<InetAddress, Integer> runningByAddress = new HashMap<>();
    private final Map<String, Integer> waitingBySession = new HashMap<>();
    private final Map<InetAddress, Integer> waitingByAddress = new HashMap<>();
    private int running;

    HandshakeQueue(int capacity, int perSession, int perAddress, int maxWaiting) {
        if (capacity < 1 || perSession < 1 || perAddress < 1 || maxWaiting < 0) {
            throw new IllegalArgumentException("handshake limits must be positive");
        }
        this.capacity = capacity;
        this.perSession = perSession;
        this.perAddress = perAddress;
        this.maxWaiting = maxWaiting;
    }

    /** Starts the request now if its shares allow, else queues it; never runs {@code start} for a refused one. */
    Admission submit(Request request) {
        if (admissible(request) && waiting.stream().noneMatch(w -> sameShare(w, request))) {
            begin(request);
            return Admission.STARTED;
        }
        if (waitingBySession.getOrDefault(request.sessionId(), 0) >= maxWaiting
                || waitingByAddress.getOrDefault(request.address(), 0) >= maxWaiting) {
            return Admission.REFUSED;
        }
        waiting.addLast(request);
        increment(waitingBySession, request.sessionId());
        increment(waitingByAddress, request.address());
        return Admission.WAITING;
    }

    /** A started handshake ended (keys, failure or close): its slot goes to the first waiting request that fits. */
    void finished(Request request) {
        running--;
        decrement(runningBySession, request.sessionId());
        decrement(runningByAddress, request.address());
        for (Iterator<Request> it = waiting.iterator(); it.hasNext() && running < capacity; ) {
            Request next = it.next();
            if (admissible(next)) {
                it.remove();
                decrement(waitingBySession, next.sessionId());
                decrement(waitingByAddress, next.address());
                begin(next);
            }
        }
    }

    /** A waiting request no longer wanted (its link closed before its turn); false if it was not waiting. */
    boolean withdraw(Request request) {
        if (!waiting.remove(request)) {
            return false;
        }
        decrement(waitingBySession, request.sessionId());
        decrement(waitingByAddress, request.address());
        return true;
    }

    int running() {
        return running;
    }

    int waiting() {
        return waiting.size();
    }

    private boolean admissible(Request request) {
        return running < capacity
                && runningBySession.getOrDefault(request.sessionId(), 0) < perSession
                && runningByAddress.getOrDefault(request.address(), 0) < perAddress;
    }

    /** An earlier waiting request with the same session or address goes first: order within a share is kept. */
    private static boolean sameShare(Request a, Request b) {
        return a.sessionId().equals(b.sessionId()) || a.address().equals(b.address());
    }

    private void begin(Request request) {
        running++;
        increment(runningBySession, request.sessionId());
        increment(runningByAddress, request.address());
        request.start().run();
    }

    private static <K> void increment(Map<K, Integer> counts, K key) {
        counts.merge(key, 1, Integer::sum);
    }

    private static <K> void decrement(Map<K, Integer> counts, K key) {
        counts.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }
}
