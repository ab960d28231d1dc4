package io.parley.video;

/** The platform cannot do this (yet): the request may be fine, but it would fail the same way on every retry. */
public final class UnsupportedCapabilityException extends VideoPlatformException {
    private final Capability capability;

    /** {@code why} says what the platform lacks, in a sentence the caller can act on; null for nothing more. */
    public UnsupportedCapabilityException(String platform, Capability capability, String why) {
        super("The " + platform + " platform lacks the capability " + capability + " (" + capability.description()
                + ")" + (why == null ? "" : ": " + why));
        this.capability = capability;
    }

    public Capability capability() {
        return capability;
    }
}
