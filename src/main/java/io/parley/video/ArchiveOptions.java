package io.parley.video;

/**
 * What Vonage's {@code Archive.Builder} offers beyond name, output and tracks: the layout (composed archives),
 * the stream mode, a {@code multiArchiveTag} (several archives of one session at once, one per tag) and a
 * {@code maxBitrate} in bits per second (100,000 to 6,000,000). Null fields take the platform's default.
 */
public record ArchiveOptions(ArchiveLayout layout, StreamMode streamMode, String multiArchiveTag, Integer maxBitrate) {

    public static final int MIN_BITRATE = 100_000;
    public static final int MAX_BITRATE = 6_000_000;
    public static final int MAX_TAG = 200;
    public static final ArchiveOptions DEFAULT = new ArchiveOptions(null, null, null, null);

    public ArchiveOptions {
        streamMode = streamMode == null ? StreamMode.AUTO : streamMode;
        if (maxBitrate != null && (maxBitrate < MIN_BITRATE || maxBitrate > MAX_BITRATE)) {
            throw new InvalidRequestException("maxBitrate", "must be between " + MIN_BITRATE + " and " + MAX_BITRATE);
        }
        if (multiArchiveTag != null && (multiArchiveTag.isBlank() || multiArchiveTag.length() > MAX_TAG)) {
            throw new InvalidRequestException("multiArchiveTag", "must be 1 to " + MAX_TAG + " characters");
        }
    }

    /** The layout to compose with: bestFit unless one was asked for. */
    public ArchiveLayout layoutOrDefault() {
        return layout == null ? ArchiveLayout.BEST_FIT : layout;
    }
}
