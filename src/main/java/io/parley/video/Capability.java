package io.parley.video;

/**
 * Something a platform may or may not be able to do. {@code GET /api/v1/platform} lists every capability with
 * whether the running platform has it; a request for one it lacks fails with {@link UnsupportedCapabilityException}
 * (501), never with a silent no-op.
 */
public enum Capability {
    ARCHIVE_COMPOSED("Composed archives: one playable file for the whole session"),
    ARCHIVE_INDIVIDUAL("Individual-stream archives: one file per stream, zipped"),
    FORCE_DISCONNECT("Force a connection out of its session"),
    FORCE_MUTE("Force-mute one stream's audio"),
    MUTE_SESSION("Mute every stream of a session except some, and streams published while that lasts"),
    LIST_STREAMS("List a session's streams and get one"),
    LIST_CONNECTIONS("List a session's connections"),
    SIGNAL("Send a signal from the back end to every client of a session or to one"),
    ARCHIVE_LAYOUTS("Composed archives laid out as bestFit, pip, verticalPresentation or horizontalPresentation, "
            + "with a screenshareType"),
    ARCHIVE_CUSTOM_LAYOUT("Composed archives laid out by a custom stylesheet"),
    ARCHIVE_MANUAL_STREAMS("Archives that record only the streams added to them (streamMode manual)"),
    ARCHIVE_MAX_BITRATE("A maximum video bitrate for composed archives"),
    MULTI_ARCHIVE("Several archives of one session at once, one per multiArchiveTag"),
    ARCHIVE_LAYOUT_CHANGE("Change a recording archive's layout, or its streams' layout classes, and the output "
            + "follows from that moment"),
    STREAM_LAYOUT_CLASSES("Set streams' layout classes (focus, full...) that composed archives lay them out by"),
    BROADCAST("Live broadcasts of a session: HLS and RTMP outputs of its composed picture");

    private final String description;

    Capability(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
