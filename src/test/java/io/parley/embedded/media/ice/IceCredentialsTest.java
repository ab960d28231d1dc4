package io.parley.embedded.media.ice;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IceCredentialsTest {

    @Test
    void generatedCredentialsAreLongEnoughIceChars() {
        Set<String> ufrags = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            IceCredentials c = IceCredentials.generate();
            assertThat(c.ufrag()).hasSize(8).matches("[A-Za-z0-9+/]+");
            assertThat(c.password()).hasSize(24).matches("[A-Za-z0-9+/]+");
            ufrags.add(c.ufrag());
        }
        assertThat(ufrags).hasSize(1000);
    }

    @Test
    void refusesShortOrNonIceCharCredentials() {
        assertThatThrownBy(() -> new IceCredentials("abc", "VOkJxbRl1RmTxUk/WvJxBt"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IceCredentials("abcd", "short"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IceCredentials("ab:d", "VOkJxbRl1RmTxUk/WvJxBt"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringKeepsThePasswordOut() {
        IceCredentials c = IceCredentials.generate();

        assertThat(c.toString()).contains(c.ufrag()).doesNotContain(c.password());
    }
}
