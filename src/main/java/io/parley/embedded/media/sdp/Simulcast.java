package io.parley.embedded.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A publisher's simulcast (RFC 8853): the encodings it sends, by rid, lowest quality first as the client orders its
 * encodings, and the header extension ids that name a packet's encoding (RFC 8852), since simulcast offers announce
 * no SSRCs. The router accepts up to {@link #MAX_LAYERS} encodings, sent as alternatives of one stream.
 */
public record Simulcast(List<String> rids, int ridExtensionId, OptionalInt repairedRidExtensionId) {

    public static final int MAX_LAYERS = 3;
    /** RFC 8851 §10: rid-id is alphanumeric, with - and _; the router also bounds its length. */
    private static final Pattern RID = Pattern.compile("[A-Za-z0-9_-]{1,16}");

    public Simulcast {
        rids = List.copyOf(rids);
    }

    /**
     * The simulcast of an m-section, if it has {@code a=simulcast:send}: every listed rid must have its
     * {@code a=rid:... send} line, and the rtp-stream-id extension must be negotiated.
     */
    static Optional<Simulcast> of(MediaDescription m, String label) {
        Optional<String> line = m.attribute("simulcast");
        if (line.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = line.get().trim().split("\\s+");
        if (parts.length != 2 || !parts[0].equals("send")) {
            throw fail(label + " has a=simulcast:" + line.get() + "; the router receives simulcast as 'send <rids>'");
        }
        List<String> declared = new ArrayList<>();
        for (String rid : m.attributes("rid")) {
            String[] fields = rid.trim().split("\\s+");
            if (fields.length >= 2 && fields[1].equals("send")) {
                declared.add(fields[0]);
            }
        }
        List<String> rids = new ArrayList<>();
        for (String alternative : parts[1].split(";")) {
            // a client may list alternatives (a,b) or pause one (~a); the router takes the first, paused or not
            String rid = alternative.split(",")[0].replace("~", "");
            if (!RID.matcher(rid).matches() || !declared.contains(rid) || rids.contains(rid)) {
                throw fail(label + " lists simulcast rid '" + rid + "' without its own a=rid:" + rid + " send");
            }
            rids.add(rid);
        }
        if (rids.size() > MAX_LAYERS) {
            throw fail(label + " sends " + rids.size() + " simulcast encodings; the router takes at most "
                    + MAX_LAYERS);
        }
        int ridId = m.extMapId(ExtMap.RTP_STREAM_ID).orElseThrow(() -> fail(label + " sends simulcast without the "
                + ExtMap.RTP_STREAM_ID + " extension, so its packets would not say their encoding"));
        return Optional.of(new Simulcast(rids, ridId, m.extMapId(ExtMap.REPAIRED_RTP_STREAM_ID)));
    }

    private static SdpException fail(String why) {
        return new SdpException("publisher offer refused: " + why);
    }
}
