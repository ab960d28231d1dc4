package io.parley.embedded.media.ice;

import io.parley.embedded.media.stun.StunMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UfragIndexTest {

    private final IceDropCounts drops = new IceDropCounts();
    private final UfragIndex index = new UfragIndex();

    @Test
    void findsTheAgentARequestIsFor() {
        IceLiteAgent a = new IceLiteAgent(IceCredentials.generate(), drops, 0);
        IceLiteAgent b = new IceLiteAgent(IceCredentials.generate(), drops, 0);
        assertThat(index.register(a)).isTrue();
        assertThat(index.register(b)).isTrue();

        StunMessage forB = StunMessage.parse(Checks.to(b.localCredentials(), "brws").build());

        assertThat(index.find(forB)).isSameAs(b);
    }

    @Test
    void unknownUfragOrNoUsernameFindsNothing() {
        index.register(new IceLiteAgent(IceCredentials.generate(), drops, 0));

        StunMessage stranger = StunMessage.parse(Checks.to(IceCredentials.generate(), "brws").build());
        assertThat(index.find(stranger)).isNull();
        StunMessage noColon = StunMessage.parse(Checks.to(IceCredentials.generate(), "x").username("abcdefgh").build());
        assertThat(index.find(noColon)).isNull();
    }

    @Test
    void refusesADuplicateUfragAndUnregistersOnlyTheOwner() {
        IceCredentials shared = IceCredentials.generate();
        IceLiteAgent first = new IceLiteAgent(shared, drops, 0);
        IceLiteAgent second = new IceLiteAgent(shared, drops, 0);

        assertThat(index.register(first)).isTrue();
        assertThat(index.register(second)).isFalse();
        index.unregister(second);
        assertThat(index.find(shared.ufrag())).isSameAs(first);
        index.unregister(first);
        assertThat(index.size()).isZero();
    }
}
