package io.parley.embedded.media.sdp;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One m-section: {@code m=<kind> <port> <protocol> <formats>}, its other lines ({@code c=}, {@code b=}, ...) and its
 * attributes in order. Formats are strings because only RTP sections use payload type numbers (a data channel section
 * says {@code webrtc-datachannel}).
 */
public record MediaDescription(String kind, int port, String protocol, List<String> formats, List<SdpLine> fields,
                               List<Attribute> attributes) {

    public MediaDescription {
        formats = List.copyOf(formats);
        fields = List.copyOf(fields);
        attributes = List.copyOf(attributes);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range");
        }
    }

    /** RFC 3264 §6: port 0 in an answer rejects the section; in an offer it is a section already stopped. */
    public boolean isRejected() {
        return port == 0;
    }

    /** The formats as RTP payload types; only meaningful for RTP protocols. */
    public List<Integer> payloadTypes() {
        return formats.stream().map(f -> Numbers.payloadType(f, "m=")).toList();
    }

    public Optional<String> attribute(String name) {
        return Attribute.first(attributes, name);
    }

    public List<String> attributes(String name) {
        return Attribute.all(attributes, name);
    }

    public boolean has(String name) {
        return Attribute.has(attributes, name);
    }

    public Optional<String> mid() {
        return attribute("mid");
    }

    /** RFC 8866 §6.7: no direction attribute means sendrecv. */
    public Direction direction() {
        return Direction.from(attributes).orElse(Direction.SENDRECV);
    }

    public List<RtpMap> rtpMaps() {
        return attributes("rtpmap").stream().map(RtpMap::parse).toList();
    }

    public Optional<RtpMap> rtpMap(int payloadType) {
        return rtpMaps().stream().filter(m -> m.payloadType() == payloadType).findFirst();
    }

    public List<Fmtp> fmtps() {
        return attributes("fmtp").stream().map(Fmtp::parse).toList();
    }

    public Optional<Fmtp> fmtp(int payloadType) {
        return fmtps().stream().filter(f -> f.payloadType() == payloadType).findFirst();
    }

    public List<RtcpFeedback> rtcpFeedback() {
        return attributes("rtcp-fb").stream().map(RtcpFeedback::parse).toList();
    }

    /** The feedback types that apply to one payload type, wildcard lines included. */
    public List<String> rtcpFeedback(int payloadType) {
        return rtcpFeedback().stream().filter(f -> f.appliesTo(payloadType)).map(RtcpFeedback::type).toList();
    }

    public List<ExtMap> extMaps() {
        return attributes("extmap").stream().map(ExtMap::parse).toList();
    }

    public OptionalInt extMapId(String uri) {
        return extMaps().stream().filter(e -> e.uri().equals(uri)).mapToInt(ExtMap::id).findFirst();
    }

    public List<SsrcAttribute> ssrcs() {
        return attributes("ssrc").stream().map(SsrcAttribute::parse).toList();
    }

    public List<SsrcGroup> ssrcGroups() {
        return attributes("ssrc-group").stream().map(SsrcGroup::parse).toList();
    }

    public Optional<Msid> msid() {
        return attribute("msid").map(Msid::parse);
    }

    public Optional<String> iceUfrag() {
        return attribute("ice-ufrag");
    }

    public Optional<String> icePwd() {
        return attribute("ice-pwd");
    }

    public List<Fingerprint> fingerprints() {
        return attributes("fingerprint").stream().map(Fingerprint::parse).toList();
    }

    public Optional<Setup> setup() {
        return attribute("setup").map(Setup::parse);
    }

    /** The value of {@code c=}, if the section has its own. */
    public Optional<String> connection() {
        return fields.stream().filter(f -> f.type() == 'c').map(SdpLine::value).findFirst();
    }

    public MediaDescription withPort(int newPort) {
        return new MediaDescription(kind, newPort, protocol, formats, fields, attributes);
    }
}
