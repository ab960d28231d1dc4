package io.parley.embedded.media.rtp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceNumbersTest {

    @Test
    void comparesAcrossTheWrap() {
        assertThat(SequenceNumbers.isNewer(0, 65535)).isTrue();
        assertThat(SequenceNumbers.isNewer(65535, 0)).isFalse();
        assertThat(SequenceNumbers.isNewer(5, 5)).isFalse();
        assertThat(SequenceNumbers.delta(65530, 4)).isEqualTo(10);
        assertThat(SequenceNumbers.delta(4, 65530)).isEqualTo(-10);
        assertThat(SequenceNumbers.add(65535, 2)).isEqualTo(1);
        assertThat(SequenceNumbers.add(0, -1)).isEqualTo(65535);
    }

    @Test
    void unwrapsToExtendedSequenceNumbers() {
        assertThat(SequenceNumbers.unwrap(65535, 0)).isEqualTo(65536);
        assertThat(SequenceNumbers.unwrap(65536, 65535)).isEqualTo(65535);
        assertThat(SequenceNumbers.unwrap(3L * 65536 + 10, 20)).isEqualTo(3L * 65536 + 20);
        assertThat(SequenceNumbers.unwrap(3L * 65536 + 10, 65000)).isEqualTo(2L * 65536 + 65000);
        assertThat(SequenceNumbers.unwrap(5, 65534)).isEqualTo(-2);
        long ext = 65000;
        for (int i = 0; i < 200_000; i++) {
            ext = SequenceNumbers.unwrap(ext, (int) ((ext + 7) & 0xFFFF));
        }
        assertThat(ext).isEqualTo(65000 + 7L * 200_000);
    }
}
