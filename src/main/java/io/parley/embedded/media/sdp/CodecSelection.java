package io.parley.embedded.media.sdp;

import java.util.List;
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

    /** VP8 only: archives are WebM (VP8/Opus), so a stream the recorder cannot write is not accepted at all. */
    static Optional<RtpCodec> video(MediaDescription m) {
        return offered(m).stream().filter(r -> r.is("VP8", 90000)).findFirst()
                .map(r -> RtpCodec.vp8(r.payloadType()));
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
}
