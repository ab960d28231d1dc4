package io.parley.embedded.media.sdp;

import java.util.List;
import java.util.Optional;

/** The media direction attributes (RFC 3264 §5.1, RFC 8866 §6.7); an m-section without one is sendrecv. */
public enum Direction {
    SENDRECV("sendrecv"),
    SENDONLY("sendonly"),
    RECVONLY("recvonly"),
    INACTIVE("inactive");

    private final String sdpName;

    Direction(String sdpName) {
        this.sdpName = sdpName;
    }

    public String sdpName() {
        return sdpName;
    }

    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    static Optional<Direction> from(List<Attribute> attributes) {
        for (Attribute a : attributes) {
            for (Direction d : values()) {
                if (a.isFlag() && a.name().equals(d.sdpName)) {
                    return Optional.of(d);
                }
            }
        }
        return Optional.empty();
    }

    Attribute attribute() {
        return Attribute.flag(sdpName);
    }
}
