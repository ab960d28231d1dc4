package io.parley.embedded.media.sdp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** {@code a=fmtp:<pt> <format parameters>} (RFC 8866 §6.15); for the codecs here the parameters are {@code k=v;k=v}. */
public record Fmtp(int payloadType, String parameters) {

    static Fmtp parse(String value) {
        int space = value.indexOf(' ');
        if (space <= 0) {
            throw new SdpException("a=fmtp must be '<pt> <parameters>', not '" + value + "'");
        }
        return new Fmtp(Numbers.payloadType(value.substring(0, space), "a=fmtp"), value.substring(space + 1).strip());
    }

    /** Parameter names lower-cased (they are case-insensitive for VP8, H.264 and RTX); order kept. */
    public Map<String, String> map() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String part : parameters.split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                map.put(p.toLowerCase(Locale.ROOT), "");
            } else {
                map.put(p.substring(0, eq).strip().toLowerCase(Locale.ROOT), p.substring(eq + 1).strip());
            }
        }
        return map;
    }
}
