package io.parley.embedded.media.sdp;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Picks, from one offered m-section, the codec the router will receive and its RTX payload type. */
final class CodecSelection {

    private CodecSelection() {
    }

    /** The offered payload types, in the offer's preference order (RFC 3264 §5.1), that have an a=rtpmap. */
    private static List<RtpMap> offered(MediaDescription m) {
        List<RtpMap> maps = m.rtpMaps();
        return m.payloadTypes().stream()
                .flatMap(pt -> maps.stream().filter(r -> r.payloadType() == pt).findFirst().stream())
                .toList();
    }

    static Optional<RtpCodec> audio(MediaDescription m) {
        return offered(m).stream().filter(r -> r.is("opus", 48000) && r.channels() == 2).findFirst()
                .map(r -> RtpCodec.opus(r.payloadType()));
    }

    static Optional<RtpCodec> video(MediaDescription m, CodecPolicy policy) {
        List<RtpMap> offered = offered(m);
        Optional<RtpCodec> vp8 = offered.stream().filter(r -> r.is("VP8", 90000)).findFirst()
                .map(r -> RtpCodec.vp8(r.payloadType()));
        if (vp8.isPresent() || !policy.acceptH264()) {
            return vp8;
        }
        // Browsers decode packetization-mode=1 everywhere; among those prefer constrained baseline (42e0), then baseline
        List<RtpCodec> h264 = offered.stream().filter(r -> r.is("H264", 90000))
                .map(r -> new RtpCodec(r.payloadType(), r.encoding(), 90000, 1,
                        m.fmtp(r.payloadType()).map(Fmtp::parameters).orElse("")))
                .filter(c -> "1".equals(params(c).get("packetization-mode")))
                .toList();
        for (String profile : List.of("42e0", "4200")) {
            Optional<RtpCodec> match = h264.stream()
                    .filter(c -> params(c).getOrDefault("profile-level-id", "").toLowerCase().startsWith(profile))
                    .findFirst();
            if (match.isPresent()) {
                return match;
            }
        }
        return h264.stream().findFirst();
    }

    /** The RTX payload type whose apt= names the chosen codec (RFC 4588). */
    static Optional<RtpCodec> rtxFor(MediaDescription m, RtpCodec codec) {
        for (RtpMap r : offered(m)) {
            if (r.is("rtx", codec.clockRate())) {
                String apt = m.fmtp(r.payloadType()).map(f -> f.map().get("apt")).orElse(null);
                if (Integer.toString(codec.payloadType()).equals(apt)) {
                    return Optional.of(RtpCodec.rtx(r.payloadType(), codec.payloadType()));
                }
            }
        }
        return Optional.empty();
    }

    /** Encoding names for an error message: "VP9, AV1, H264". */
    static String describe(MediaDescription m) {
        String names = offered(m).stream().map(RtpMap::encoding)
                .filter(e -> !e.equalsIgnoreCase("rtx") && !e.equalsIgnoreCase("red") && !e.equalsIgnoreCase("ulpfec"))
                .distinct().collect(Collectors.joining(", "));
        return names.isEmpty() ? "nothing" : names;
    }

    private static Map<String, String> params(RtpCodec c) {
        return new Fmtp(c.payloadType(), c.fmtp()).map();
    }
}
