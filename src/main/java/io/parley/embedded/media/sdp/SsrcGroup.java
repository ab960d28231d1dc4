package io.parley.embedded.media.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a=ssrc-group:<semantics> <ssrc> ...} (RFC 5576 §4.2). {@code FID} pairs a media SSRC with its RTX SSRC
 * (RFC 4588, RFC 5576), media first.
 */
public record SsrcGroup(String semantics, List<Long> ssrcs) {

    public static final String FID = "FID";

    public SsrcGroup {
        ssrcs = List.copyOf(ssrcs);
    }

    static SsrcGroup parse(String value) {
        String[] f = value.split(" ");
        if (f.length < 2 || f[0].isEmpty()) {
            throw new SdpException("a=ssrc-group must be '<semantics> <ssrc> ...', not '" + value + "'");
        }
        List<Long> ssrcs = new ArrayList<>();
        for (int i = 1; i < f.length; i++) {
            ssrcs.add(Numbers.ssrc(f[i]));
        }
        return new SsrcGroup(f[0], ssrcs);
    }

    Attribute attribute() {
        StringBuilder sb = new StringBuilder(semantics);
        ssrcs.forEach(s -> sb.append(' ').append(s));
        return Attribute.of("ssrc-group", sb.toString());
    }
}
