package io.parley.embedded.media.ice;

import io.parley.embedded.media.stun.StunTypes;
import io.parley.embedded.media.stun.StunWriter;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Builds the connectivity checks a browser sends (RFC 8445 §7.2.2) with the STUN encoder. */
final class Checks {

    private final Random random = new Random(8445);
    private String username;
    private String password;
    private boolean useCandidate;
    private boolean controlled;
    private boolean fingerprint = true;

    static Checks to(IceCredentials agent, String remoteUfrag) {
        Checks checks = new Checks();
        checks.username = agent.ufrag() + ":" + remoteUfrag;
        checks.password = agent.password();
        return checks;
    }

    Checks username(String value) {
        username = value;
        return this;
    }

    Checks password(String value) {
        password = value;
        return this;
    }

    Checks useCandidate() {
        useCandidate = true;
        return this;
    }

    Checks controlled() {
        controlled = true;
        return this;
    }

    Checks withoutFingerprint() {
        fingerprint = false;
        return this;
    }

    byte[] build() {
        byte[] transactionId = new byte[12];
        random.nextBytes(transactionId);
        StunWriter writer = new StunWriter()
                .start(StunTypes.BINDING_REQUEST, transactionId)
                .username(username)
                .priority(0x6e7f1eff);
        if (controlled) {
            writer.iceControlled(random.nextLong());
        } else {
            writer.iceControlling(random.nextLong());
        }
        if (useCandidate) {
            writer.useCandidate();
        }
        writer.messageIntegrity(password.getBytes(StandardCharsets.US_ASCII));
        if (fingerprint) {
            writer.fingerprint();
        }
        return writer.toByteArray();
    }
}
