package io.parley.vonage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.parley.video.Archive;
import io.parley.video.ArchiveOptions;
import io.parley.video.OutputMode;
import io.parley.video.StreamMode;

import java.time.Instant;

/**
 * The body of Vonage's archive status callback. Times are epoch milliseconds, {@code duration} seconds and
 * {@code size} bytes, as in Vonage's archive JSON. Fields Parley does not use are ignored; {@code partnerId} is read
 * as text because OpenTok sends a number and Vonage applications (and Parley's own callbacks) an application id.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ArchiveCallback(String id, String event, String status, String name, String sessionId, Long createdAt,
                       Long duration, Long size, String reason, String url, String partnerId, String outputMode,
                       Boolean hasAudio, Boolean hasVideo, String resolution, String streamMode,
                       String multiArchiveTag, Integer maxBitrate) {

    /** Callbacks of other kinds (broadcasts, say) share the URL; only archive events are Parley's. */
    boolean isArchive() {
        return event == null || "archive".equals(event);
    }

    Archive toArchive() {
        return new Archive(id, sessionId, name, VonageMapper.status(status),
                "individual".equals(outputMode) ? OutputMode.INDIVIDUAL : OutputMode.COMPOSED,
                hasAudio == null || hasAudio, hasVideo == null || hasVideo, resolution,
                createdAt == null ? null : Instant.ofEpochMilli(createdAt),
                duration == null ? 0 : duration, size == null ? 0 : size,
                reason == null || reason.isBlank() ? null : reason, url,
                new ArchiveOptions(null, "manual".equals(streamMode) ? StreamMode.MANUAL : StreamMode.AUTO,
                        multiArchiveTag == null || multiArchiveTag.isBlank() ? null : multiArchiveTag, maxBitrate));
    }
}
