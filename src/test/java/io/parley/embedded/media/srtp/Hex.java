package io.parley.embedded.media.srtp;

import java.util.HexFormat;

/** Hex helpers for test vectors, which the RFCs print with spaces and line breaks. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s", "").toLowerCase());
    }

    static String of(byte[] b, int off, int len) {
        return HexFormat.of().formatHex(b, off, off + len);
    }
}
