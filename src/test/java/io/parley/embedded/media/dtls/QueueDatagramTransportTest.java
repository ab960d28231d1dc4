package io.parley.embedded.media.dtls;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueueDatagramTransportTest {

    private final DtlsDropCounts drops = new DtlsDropCounts();
    private final List<byte[]> sent = new ArrayList<>();
    private final QueueDatagramTransport transport = new QueueDatagramTransport(2, sent::add, drops);

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() throws IOException {
        assertThat(transport.offer(new byte[] {22, 1})).isTrue();
        assertThat(transport.offer(new byte[] {22, 2})).isTrue();
        assertThat(transport.offer(new byte[] {22, 3})).isFalse();
        assertThat(transport.offer(new byte[QueueDatagramTransport.RECEIVE_LIMIT + 1])).isFalse();

        assertThat(drops.get(DtlsDropReason.QUEUE_FULL)).isEqualTo(1);
        assertThat(drops.get(DtlsDropReason.OVERSIZE)).isEqualTo(1);
        byte[] buf = new byte[10];
        assertThat(transport.receive(buf, 0, buf.length, 10)).isEqualTo(2);
        assertThat(buf[1]).isEqualTo((byte) 1);
    }

    @Test
    void receiveTimesOutWithMinusOne() throws IOException {
        assertThat(transport.receive(new byte[10], 0, 10, 5)).isEqualTo(-1);
    }

    @Test
    void closeWakesABlockedReceiver() throws Exception {
        CompletableFuture<Integer> receiving = CompletableFuture.supplyAsync(() -> {
            try {
                return transport.receive(new byte[10], 0, 10, 0);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(20);
        transport.close();

        assertThatThrownBy(() -> receiving.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasRootCauseInstanceOf(IOException.class);
        assertThat(transport.offer(new byte[] {22})).isFalse();
        assertThat(drops.get(DtlsDropReason.CLOSED)).isEqualTo(1);
    }

    @Test
    void sendCopiesAndCountsAFailingSender() {
        byte[] record = {22, 1, 2, 3};
        transport.send(record, 1, 2);
        record[1] = 9;
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).containsExactly(1, 2);

        QueueDatagramTransport failing = new QueueDatagramTransport(1, d -> {
            throw new IllegalStateException("socket closed");
        }, drops);
        failing.send(record, 0, record.length);
        assertThat(drops.get(DtlsDropReason.SEND_FAILED)).isEqualTo(1);
    }
}
