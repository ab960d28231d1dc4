package io.parley.embedded.media.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines every m-section the router writes starts with: c=, host candidates, ICE credentials, fingerprint and
 * setup. They are repeated in each bundled m-section the way browsers write their own descriptions, so nothing
 * depends on which section the other side treats as the BUNDLE tag.
 */
final class TransportAttributes {

    /**
     * Host candidate priority (RFC 8445 §5.1.2.1): type preference 126, local preference 65535 for the first address
     * and one less for each further one (local preferences must differ), component 1.
     */
    static final long FIRST_HOST_PRIORITY = (126L << 24) + (65535L << 8) + (256 - 1);
    /**
     * Passive TCP host candidates (RFC 6544 §4.2): the same type preference, and a local preference (direction
     * preference 2 for passive, times 2^13, plus 8191 less one per address) below every UDP candidate's, so a
     * browser that reaches both uses UDP, where a lost packet delays nothing behind it.
     */
    static final long FIRST_TCP_PRIORITY = (126L << 24) + (((2L << 13) + 8191) << 8) + (256 - 1);

    private TransportAttributes() {
    }

    /** {@code c=} of the first announced address; browsers ignore it with ICE but RFC 8866 requires one. */
    static SdpLine connection(RouterEndpoint endpoint) {
        String first = endpoint.addresses().get(0);
        return new SdpLine('c', "IN " + RouterEndpoint.addrType(first) + " " + first);
    }

    static List<Attribute> of(RouterEndpoint endpoint, Setup setup) {
        List<Attribute> list = new ArrayList<>();
        List<String> addresses = endpoint.addresses();
        for (int i = 0; i < addresses.size(); i++) {
            // Foundations differ per base address (RFC 8445 §5.1.1.3); the router gathers nothing, so all are known now
            list.add(Attribute.of("candidate", (i + 1) + " 1 udp " + (FIRST_HOST_PRIORITY - 256L * i) + " "
                    + addresses.get(i) + " " + endpoint.port() + " typ host"));
        }
        if (endpoint.tcpPort() != 0) {
            for (int i = 0; i < addresses.size(); i++) {
                // another foundation than UDP's: the transport differs (RFC 8445 §5.1.1.3)
                list.add(Attribute.of("candidate", (addresses.size() + i + 1) + " 1 tcp "
                        + (FIRST_TCP_PRIORITY - 256L * i) + " " + addresses.get(i) + " " + endpoint.tcpPort()
                        + " typ host tcptype passive"));
            }
        }
        // RFC 8840: no trickled candidates will follow
        list.add(Attribute.flag("end-of-candidates"));
        list.add(Attribute.of("ice-ufrag", endpoint.ice().ufrag()));
        list.add(Attribute.of("ice-pwd", endpoint.ice().password()));
        list.add(endpoint.fingerprint().attribute());
        list.add(setup.attribute());
        return list;
    }

    /** The kept header extensions, with the ids given (an offer's ids in an answer, RFC 8285 §7). */
    static List<Attribute> extMaps(java.util.OptionalInt absSendTime, java.util.OptionalInt mid,
                                   java.util.OptionalInt audioLevel) {
        List<Attribute> list = new ArrayList<>(3);
        audioLevel.ifPresent(id -> list.add(new ExtMap(id, null, ExtMap.AUDIO_LEVEL).attribute()));
        absSendTime.ifPresent(id -> list.add(new ExtMap(id, null, ExtMap.ABS_SEND_TIME).attribute()));
        mid.ifPresent(id -> list.add(new ExtMap(id, null, ExtMap.SDES_MID).attribute()));
        return list;
    }

    /** a=rtpmap/a=rtcp-fb/a=fmtp of a codec, then its RTX, in the order browsers write them. */
    static List<Attribute> codec(RtpCodec codec, List<String> feedback) {
        List<Attribute> list = new ArrayList<>();
        List<Attribute> lines = codec.attributes();
        list.add(lines.get(0));
        feedback.forEach(f -> list.add(new RtcpFeedback(codec.payloadType(), f).attribute()));
        list.addAll(lines.subList(1, lines.size()));
        return list;
    }
}
