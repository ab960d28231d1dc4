package io.parley.embedded.media.router;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeQueueTest {

    private final List<String> started = new ArrayList<>();

    private HandshakeQueue.Request request(String session, String address, String name) throws Exception {
        return new HandshakeQueue.Request(session, InetAddress.getByName(address), () -> started.add(name));
    }

    @Test
    void aSessionTakesAtMostItsShareAndAnotherSessionStartsAtOnce() throws Exception {
        HandshakeQueue queue = new HandshakeQueue(8, 2, 8, 10);
        List<HandshakeQueue.Request> attack = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            HandshakeQueue.Request r = request("attack", "192.0.2." + (i + 1), "a" + i);
            attack.add(r);
            queue.submit(r);
        }
        assertThat(started).containsExactly("a0", "a1");
        assertThat(queue.waiting()).isEqualTo(4);

        assertThat(queue.submit(request("victim", "198.51.100.1", "v"))).isEqualTo(HandshakeQueue.Admission.STARTED);
        assertThat(started).endsWith("v");

        // a slot the attacker frees goes to its own next handshake, in order
        queue.finished(attack.get(0));
        assertThat(started).endsWith("a2");
        assertThat(queue.running()).isEqualTo(3);
    }

    @Test
    void anAddressTakesAtMostItsShareAcrossSessions() throws Exception {
        HandshakeQueue queue = new HandshakeQueue(8, 8, 2, 10);
        for (int i = 0; i < 5; i++) {
            queue.submit(request("room-" + i, "203.0.113.9", "x" + i));
        }
        assertThat(started).containsExactly("x0", "x1");
        assertThat(queue.submit(request("room-9", "203.0.113.10", "other")))
                .isEqualTo(HandshakeQueue.Admission.STARTED);
    }

    @Test
    void theWholeCapacityIsSharedAndFreedSlotsGoToWhoeverFitsFirst() throws Exception {
        HandshakeQueue queue = new HandshakeQueue(3, 3, 3, 10);
        HandshakeQueue.Request a = request("s1", "192.0.2.1", "a");
        queue.submit(a);
        queue.submit(request("s2", "192.0.2.2", "b"));
        queue.submit(request("s3", "192.0.2.3", "c"));
        assertThat(queue.submit(request("s4", "192.0.2.4", "d"))).isEqualTo(HandshakeQueue.Admission.WAITING);
        queue.finished(a);
        assertThat(started).containsExactly("a", "b", "c", "d");
    }

    @Test
    void tooManyWaitingAreRefusedAndAWithdrawnRequestNeverStarts() throws Exception {
        HandshakeQueue queue = new HandshakeQueue(4, 1, 4, 2);
        HandshakeQueue.Request first = request("s", "192.0.2.1", "first");
        queue.submit(first);
        HandshakeQueue.Request second = request("s", "192.0.2.2", "second");
        assertThat(queue.submit(second)).isEqualTo(HandshakeQueue.Admission.WAITING);
        assertThat(queue.submit(request("s", "192.0.2.3", "third"))).isEqualTo(HandshakeQueue.Admission.WAITING);
        assertThat(queue.submit(request("s", "192.0.2.4", "fourth"))).isEqualTo(HandshakeQueue.Admission.REFUSED);

        assertThat(queue.withdraw(second)).isTrue();
        assertThat(queue.withdraw(second)).isFalse();
        queue.finished(first);
        assertThat(started).containsExactly("first", "third");
        assertThat(queue.waiting()).isZero();
    }
}
