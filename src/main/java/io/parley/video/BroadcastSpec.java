package io.parley.video;

import java.util.List;

/**
 * What a new live broadcast should stream, with the options of Vonage's {@code Broadcast.Builder}: an HLS output,
 * RTMP outputs (at least one of the two; at most {@value #MAX_RTMP} RTMP), the resolution (Vonage's six sizes), the
 * layout, the stream mode, a {@code multiBroadcastTag} (several broadcasts of one session, one per tag), the
 * maximum duration in seconds ({@value #MIN_DURATION} to {@value #MAX_DURATION}; Vonage's default, 4 h, when null)
 * and a maximum video bitrate.
 */
public record BroadcastSpec(HlsOutput hls, List<RtmpOutput> rtmp, String resolution, ArchiveLayout layout,
                            StreamMode streamMode, String multiBroadcastTag, Integer maxDuration, Integer maxBitrate) {

    public static final int MAX_RTMP = 5;
    public static final int MIN_DURATION = 60;
    public static final int MAX_DURATION = 36_000;

    public BroadcastSpec {
        rtmp = rtmp == null ? List.of() : List.copyOf(rtmp);
        streamMode = streamMode == null ? StreamMode.AUTO : streamMode;
        if (hls == null && rtmp.isEmpty()) {
            throw new InvalidRequestException("outputs", "a broadcast needs an hls output, rtmp outputs or both");
        }
        if (rtmp.stream().anyMatch(r -> r.streamName() == null || r.streamName().isBlank())) {
            throw new InvalidRequestException("outputs.rtmp.streamName", "is required");
        }
        if (rtmp.size() > MAX_RTMP) {
            throw new InvalidRequestException("outputs.rtmp", "at most " + MAX_RTMP + " RTMP outputs");
        }
        if (resolution != null && !ArchiveSpec.RESOLUTIONS.contains(resolution)) {
            throw new InvalidRequestException("resolution", "must be one of "
                    + String.join(", ", ArchiveSpec.RESOLUTIONS));
        }
        if (maxDuration != null && (maxDuration < MIN_DURATION || maxDuration > MAX_DURATION)) {
            throw new InvalidRequestException("maxDuration", "must be between " + MIN_DURATION + " and "
                    + MAX_DURATION + " seconds");
        }
        if (maxBitrate != null && (maxBitrate < ArchiveOptions.MIN_BITRATE || maxBitrate > ArchiveOptions.MAX_BITRATE)) {
            throw new InvalidRequestException("maxBitrate", "must be between " + ArchiveOptions.MIN_BITRATE + " and "
                    + ArchiveOptions.MAX_BITRATE);
        }
        if (multiBroadcastTag != null && (multiBroadcastTag.isBlank() || multiBroadcastTag.length() > ArchiveOptions.MAX_TAG)) {
            throw new InvalidRequestException("multiBroadcastTag", "must be 1 to " + ArchiveOptions.MAX_TAG
                    + " characters");
        }
    }
}
