package io.parley.embedded.media.sdp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A parsed SDP (RFC 8866): the origin, the session name, the other session-level lines ({@code t=}, {@code c=},
 * {@code b=} ...) in order, the session attributes in order, and the m-sections. {@code v=} is always 0 and not stored.
 * Records all the way down, so two descriptions are equal exactly when they would be written the same.
 */
public record SessionDescription(Origin origin, String sessionName, List<SdpLine> fields, List<Attribute> attributes,
                                 List<MediaDescription> media) {

    public SessionDescription {
        fields = List.copyOf(fields);
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
    }

    public static SessionDescription parse(String sdp) {
        return SdpParser.parse(sdp);
    }

    /** RFC 8866 §5: lines end in CRLF, whatever the parser accepted. */
    public String write() {
        StringBuilder sb = new StringBuilder(2048);
        line(sb, "v=0");
        line(sb, "o=" + origin);
        line(sb, "s=" + sessionName);
        fields.forEach(f -> line(sb, f.toString()));
        attributes.forEach(a -> line(sb, a.toString()));
        for (MediaDescription m : media) {
            line(sb, "m=" + m.kind() + " " + m.port() + " " + m.protocol() + " " + String.join(" ", m.formats()));
            m.fields().forEach(f -> line(sb, f.toString()));
            m.attributes().forEach(a -> line(sb, a.toString()));
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String line) {
        sb.append(line).append("\r\n");
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

    public boolean isIceLite() {
        return has("ice-lite");
    }

    /** The mids of the first {@code a=group:BUNDLE} (RFC 8843 §7.1), or an empty list. */
    public List<String> bundleMids() {
        for (String group : attributes("group")) {
            List<String> f = Arrays.asList(group.split(" "));
            if (f.get(0).equals("BUNDLE")) {
                return List.copyOf(f.subList(1, f.size()));
            }
        }
        return List.of();
    }

    public Optional<MediaDescription> mediaByMid(String mid) {
        return media.stream().filter(m -> m.mid().filter(mid::equals).isPresent()).findFirst();
    }

    /**
     * An attribute from the m-section if it has one, else from the session level: ice-ufrag, ice-pwd, fingerprint
     * and setup may sit at either level (RFC 8839 §5.4, RFC 8122 §5, RFC 4145 §4).
     */
    public Optional<String> attribute(MediaDescription m, String name) {
        Optional<String> own = m.attribute(name);
        return own.isPresent() ? own : attribute(name);
    }

    public List<Fingerprint> fingerprints(MediaDescription m) {
        List<String> values = new ArrayList<>(m.attributes("fingerprint"));
        if (values.isEmpty()) {
            values.addAll(attributes("fingerprint"));
        }
        return values.stream().map(Fingerprint::parse).toList();
    }
}
