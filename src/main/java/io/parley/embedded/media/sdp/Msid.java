package io.parley.embedded.media.sdp;

/** {@code a=msid:<stream id> [<track id>]} (RFC 8830 §2); stream id "-" means "no stream". */
public record Msid(String streamId, String trackId) {

    static Msid parse(String value) {
        String[] f = value.split(" ");
        if (f.length < 1 || f.length > 2 || f[0].isEmpty()) {
            throw new SdpException("a=msid must be '<stream id> [<track id>]', not '" + value + "'");
        }
        return new Msid(f[0], f.length == 2 ? f[1] : null);
    }

    String value() {
        return trackId == null ? streamId : streamId + " " + trackId;
    }
}
