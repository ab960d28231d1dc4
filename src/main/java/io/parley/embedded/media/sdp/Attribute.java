package io.parley.embedded.media.sdp;

import java.util.List;
import java.util.Optional;

/**
 * One {@code a=} line: a property attribute ({@code a=rtcp-mux}, value {@code null}) or a value attribute
 * ({@code a=mid:0}). Order among attributes matters to browsers (an a=fmtp is read against the a=rtpmap before it in
 * diagnostics, and candidates are tried in order), so descriptions keep them in a list, never a map.
 */
public record Attribute(String name, String value) {

    public Attribute {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an attribute needs a name");
        }
    }

    public static Attribute flag(String name) {
        return new Attribute(name, null);
    }

    public static Attribute of(String name, String value) {
        return new Attribute(name, value);
    }

    public boolean isFlag() {
        return value == null;
    }

    /** The first value of {@code name} in {@code attributes}; a property attribute has the value "". */
    static Optional<String> first(List<Attribute> attributes, String name) {
        for (Attribute a : attributes) {
            if (a.name.equals(name)) {
                return Optional.of(a.value == null ? "" : a.value);
            }
        }
        return Optional.empty();
    }

    static List<String> all(List<Attribute> attributes, String name) {
        return attributes.stream().filter(a -> a.name.equals(name)).map(a -> a.value == null ? "" : a.value).toList();
    }

    static boolean has(List<Attribute> attributes, String name) {
        return attributes.stream().anyMatch(a -> a.name.equals(name));
    }

    @Override
    public String toString() {
        return value == null ? "a=" + name : "a=" + name + ":" + value;
    }
}
