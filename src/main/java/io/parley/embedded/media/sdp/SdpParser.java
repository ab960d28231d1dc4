package io.parley.embedded.media.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses SDP text into a {@link SessionDescription}. Strict about structure (RFC 8866 §5: v, o, s first, known type
 * letters only, each where it may appear), lenient about line ends (CRLF or bare LF, as browsers hand them to
 * JavaScript either way) and trailing blank lines. The attributes this package interprets are checked here, so a
 * malformed {@code a=rtpmap} is reported with its line number instead of surfacing later without one.
 */
final class SdpParser {

    /** Chrome's own offers are a few KB; a 64 KB limit leaves room for simulcast and many candidates, not for abuse. */
    static final int MAX_CHARS = 64 * 1024;

    private static final String SESSION_TYPES = "iuepcbtrzka";
    private static final String MEDIA_TYPES = "icbka";

    private SdpParser() {
    }

    static SessionDescription parse(String sdp) {
        if (sdp == null || sdp.isEmpty()) {
            throw new SdpException("SDP is empty");
        }
        if (sdp.length() > MAX_CHARS) {
            throw new SdpException("SDP is " + sdp.length() + " characters; the limit is " + MAX_CHARS);
        }
        String[] lines = sdp.split("\n", -1);
        int count = lines.length;
        while (count > 0 && stripCr(lines[count - 1]).isEmpty()) {
            count--;
        }
        if (count < 3) {
            throw new SdpException("SDP is truncated: it needs at least v=, o= and s= lines, found " + count + " line(s)");
        }

        expect(lines, 0, 'v');
        if (!value(stripCr(lines[0])).equals("0")) {
            throw new SdpException(1, "v= must be 0");
        }
        expect(lines, 1, 'o');
        Origin origin;
        try {
            origin = Origin.parse(value(stripCr(lines[1])));
        } catch (SdpException e) {
            throw new SdpException(2, e.getMessage());
        }
        expect(lines, 2, 's');
        String sessionName = value(stripCr(lines[2]));

        List<SdpLine> sessionFields = new ArrayList<>();
        List<Attribute> sessionAttributes = new ArrayList<>();
        List<MediaDescription> media = new ArrayList<>();
        MediaBuilder current = null;
        boolean sawTiming = false;

        for (int i = 3; i < count; i++) {
            int lineNo = i + 1;
            String line = stripCr(lines[i]);
            char type = typeOf(line, lineNo);
            String value = value(line);
            if (type == 'm') {
                if (current != null) {
                    media.add(current.build());
                }
                current = MediaBuilder.parse(value, lineNo);
            } else if (current == null) {
                if (SESSION_TYPES.indexOf(type) < 0) {
                    throw new SdpException(lineNo, "'" + type + "=' is not allowed at session level");
                }
                if (type == 'a') {
                    sessionAttributes.add(attribute(value, lineNo));
                } else {
                    sawTiming |= type == 't';
                    sessionFields.add(new SdpLine(type, value));
                }
            } else {
                if (MEDIA_TYPES.indexOf(type) < 0) {
                    throw new SdpException(lineNo, "'" + type + "=' is not allowed inside an m-section");
                }
                if (type == 'a') {
                    current.attributes.add(attribute(value, lineNo));
                } else {
                    current.fields.add(new SdpLine(type, value));
                }
            }
        }
        if (current != null) {
            media.add(current.build());
        }
        if (!sawTiming) {
            throw new SdpException("SDP has no t= line (RFC 8866 §5.9 requires one; browsers write t=0 0)");
        }
        return new SessionDescription(origin, sessionName, sessionFields, sessionAttributes, media);
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static void expect(String[] lines, int index, char type) {
        String line = stripCr(lines[index]);
        if (typeOf(line, index + 1) != type) {
            throw new SdpException(index + 1, "expected '" + type + "=' here, found '" + preview(line) + "'");
        }
    }

    private static char typeOf(String line, int lineNo) {
        if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
            throw new SdpException(lineNo, "expected '<letter>=<value>', found '" + preview(line) + "'");
        }
        for (int i = 2; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new SdpException(lineNo, "control character 0x" + Integer.toHexString(c) + " in '"
                        + preview(line) + "'");
            }
        }
        char type = line.charAt(0);
        if (type == 'v' || type == 'o' || type == 's') {
            if (lineNo > 3) {
                throw new SdpException(lineNo, "'" + type + "=' may only appear once, at the top");
            }
        } else if ("iuepcbtrzkam".indexOf(type) < 0) {
            // RFC 8866 §5: a parser must ignore or reject a description with a type letter it does not understand
            throw new SdpException(lineNo, "unknown line type '" + type + "='");
        }
        return type;
    }

    private static String value(String line) {
        return line.substring(2);
    }

    private static Attribute attribute(String text, int lineNo) {
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        if (name.isEmpty() || !name.chars().allMatch(SdpParser::isTokenChar)) {
            throw new SdpException(lineNo, "attribute name '" + preview(name) + "' is not a token");
        }
        Attribute attribute = colon < 0 ? Attribute.flag(name) : Attribute.of(name, text.substring(colon + 1));
        try {
            AttributeSyntax.check(attribute);
        } catch (SdpException e) {
            throw new SdpException(lineNo, e.getMessage());
        }
        return attribute;
    }

    /** RFC 8866 §9 token-char: visible ASCII except the separators. */
    private static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }

    static String preview(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }

    private static final class MediaBuilder {
        final String kind;
        final int port;
        final String protocol;
        final List<String> formats;
        final List<SdpLine> fields = new ArrayList<>();
        final List<Attribute> attributes = new ArrayList<>();

        private MediaBuilder(String kind, int port, String protocol, List<String> formats) {
            this.kind = kind;
            this.port = port;
            this.protocol = protocol;
            this.formats = formats;
        }

        static MediaBuilder parse(String value, int lineNo) {
            String[] f = value.split(" ");
            if (f.length < 4) {
                throw new SdpException(lineNo, "m= must be '<media> <port> <proto> <fmt> ...', found 'm="
                        + preview(value) + "'");
            }
            for (String field : f) {
                if (field.isEmpty()) {
                    throw new SdpException(lineNo, "m= has an empty field (double space?)");
                }
            }
            if (f[1].contains("/")) {
                throw new SdpException(lineNo, "m= port ranges ('" + f[1] + "') are not used by WebRTC and not supported");
            }
            int port;
            try {
                port = (int) Numbers.decimal(f[1], 65535, "m= port");
            } catch (SdpException e) {
                throw new SdpException(lineNo, e.getMessage());
            }
            List<String> formats = List.of(f).subList(3, f.length);
            if (f[2].contains("RTP")) {
                for (String format : formats) {
                    try {
                        Numbers.payloadType(format, "m=");
                    } catch (SdpException e) {
                        throw new SdpException(lineNo, e.getMessage());
                    }
                }
            }
            return new MediaBuilder(f[0], port, f[2], formats);
        }

        MediaDescription build() {
            return new MediaDescription(kind, port, protocol, formats, fields, attributes);
        }
    }
}
