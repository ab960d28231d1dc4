package io.parley.vonage;

import com.vonage.client.video.CreateSessionRequest;
import com.vonage.client.video.GetStreamResponse;
import com.vonage.client.video.BroadcastUrls;
import com.vonage.client.video.Hls;
import com.vonage.client.video.Resolution;
import com.vonage.client.video.Rtmp;
import com.vonage.client.video.ScreenLayoutType;
import com.vonage.client.video.StreamCompositionLayout;
import com.vonage.client.video.StreamMode;
import com.vonage.client.video.TokenOptions;
import io.parley.video.Archive;
import io.parley.video.Broadcast;
import io.parley.video.BroadcastSpec;
import io.parley.video.BroadcastStatus;
import io.parley.video.HlsOutput;
import io.parley.video.RtmpOutput;
import io.parley.video.ArchiveLayout;
import io.parley.video.ArchiveMode;
import io.parley.video.ArchiveOptions;
import io.parley.video.ArchiveSpec;
import io.parley.video.ArchiveStatus;
import io.parley.video.InvalidRequestException;
import io.parley.video.LayoutType;
import io.parley.video.MediaMode;
import io.parley.video.OutputMode;
import io.parley.video.Role;
import io.parley.video.SessionSpec;
import io.parley.video.Stream;
import io.parley.video.TokenSpec;
import io.parley.video.VideoType;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/** Maps between the SDK's types and Parley's domain records; nothing else crosses the adapter's edge. */
final class VonageMapper {

    private VonageMapper() {
    }

    static CreateSessionRequest sessionRequest(SessionSpec spec) {
        return CreateSessionRequest.builder()
                // ROUTED -> p2p.preference=disabled (Vonage's media router), RELAYED -> enabled (peer to peer)
                .mediaMode(spec.mediaMode() == MediaMode.ROUTED
                        ? com.vonage.client.video.MediaMode.ROUTED : com.vonage.client.video.MediaMode.RELAYED)
                .archiveMode(spec.archiveMode() == ArchiveMode.ALWAYS
                        ? com.vonage.client.video.ArchiveMode.ALWAYS : com.vonage.client.video.ArchiveMode.MANUAL)
                .build();
    }

    static TokenOptions tokenOptions(TokenSpec spec) {
        TokenOptions.Builder options = TokenOptions.builder()
                .role(com.vonage.client.video.Role.valueOf(spec.role().name()))
                .expiryLength(spec.ttl());
        if (spec.data() != null) {
            options.data(spec.data());
        }
        return options.build();
    }

    static com.vonage.client.video.Archive archiveRequest(String sessionId, ArchiveSpec spec) {
        com.vonage.client.video.Archive.Builder archive = com.vonage.client.video.Archive.builder(sessionId)
                .outputMode(spec.outputMode() == OutputMode.INDIVIDUAL
                        ? com.vonage.client.video.OutputMode.INDIVIDUAL : com.vonage.client.video.OutputMode.COMPOSED)
                .hasAudio(spec.hasAudio())
                .hasVideo(spec.hasVideo());
        if (spec.name() != null) {
            archive.name(spec.name());
        }
        if (spec.resolution() != null) {
            archive.resolution(resolution(spec.resolution()));
        }
        ArchiveOptions options = spec.options();
        if (options.layout() != null) {
            archive.layout(layout(options.layout()));
        }
        archive.streamMode(options.streamMode() == io.parley.video.StreamMode.MANUAL
                ? StreamMode.MANUAL : StreamMode.AUTO);
        if (options.multiArchiveTag() != null) {
            archive.multiArchiveTag(options.multiArchiveTag());
        }
        if (options.maxBitrate() != null) {
            archive.maxBitrate(options.maxBitrate());
        }
        return archive.build();
    }

    /** The SDK's three factories are the only way to build a layout: standard, custom, or bestFit with a screenshare type. */
    static StreamCompositionLayout layout(ArchiveLayout layout) {
        if (layout.type() == LayoutType.CUSTOM) {
            return StreamCompositionLayout.customLayout(layout.stylesheet());
        }
        if (layout.screenshareType() != null) {
            return StreamCompositionLayout.screenshareLayout(screenLayoutType(layout.screenshareType()));
        }
        return StreamCompositionLayout.standardLayout(screenLayoutType(layout.type()));
    }

    private static ScreenLayoutType screenLayoutType(LayoutType type) {
        return switch (type) {
            case BEST_FIT -> ScreenLayoutType.BEST_FIT;
            case PIP -> ScreenLayoutType.PIP;
            case VERTICAL_PRESENTATION -> ScreenLayoutType.VERTICAL;
            case HORIZONTAL_PRESENTATION -> ScreenLayoutType.HORIZONTAL;
            case CUSTOM -> ScreenLayoutType.CUSTOM;
        };
    }

    private static Resolution resolution(String value) {
        return Arrays.stream(Resolution.values()).filter(r -> r.toString().equals(value)).findFirst()
                .orElseThrow(() -> new InvalidRequestException("resolution", "must be one of "
                        + Arrays.stream(Resolution.values()).map(Resolution::toString)
                        .collect(Collectors.joining(", "))));
    }

    static Archive archive(com.vonage.client.video.Archive a) {
        return new Archive(
                Objects.toString(a.getId(), null),
                a.getSessionId(),
                a.getName(),
                a.getStatus() == null ? ArchiveStatus.STARTED : status(a.getStatus().name()),
                a.getOutputMode() == com.vonage.client.video.OutputMode.INDIVIDUAL
                        ? OutputMode.INDIVIDUAL : OutputMode.COMPOSED,
                a.hasAudio() == null || a.hasAudio(),
                a.hasVideo() == null || a.hasVideo(),
                a.getResolution() == null ? null : a.getResolution().toString(),
                a.getCreatedAt(),
                a.getDurationSeconds() == null ? 0 : a.getDurationSeconds(),
                a.getSize() == null ? 0 : a.getSize(),
                blankToNull(a.getReason()),
                a.getUrl() == null ? null : a.getUrl().toString(),
                // the SDK does not read an archive's layout back: it is null here
                new ArchiveOptions(null, a.getStreamMode() == StreamMode.MANUAL
                        ? io.parley.video.StreamMode.MANUAL : io.parley.video.StreamMode.AUTO,
                        blankToNull(a.getMultiArchiveTag()), a.getMaxBitrate()));
    }

    static com.vonage.client.video.Broadcast broadcastRequest(String sessionId, BroadcastSpec spec) {
        com.vonage.client.video.Broadcast.Builder broadcast = com.vonage.client.video.Broadcast.builder(sessionId)
                .streamMode(spec.streamMode() == io.parley.video.StreamMode.MANUAL
                        ? StreamMode.MANUAL : StreamMode.AUTO);
        if (spec.hls() != null) {
            broadcast.hls(Hls.builder().dvr(spec.hls().dvr()).lowLatency(spec.hls().lowLatency()).build());
        }
        for (RtmpOutput output : spec.rtmp()) {
            Rtmp.Builder rtmp = Rtmp.builder().serverUrl(output.serverUrl()).streamName(output.streamName());
            if (output.id() != null) {
                rtmp.id(output.id());
            }
            broadcast.addRtmpStream(rtmp.build());
        }
        if (spec.resolution() != null) {
            broadcast.resolution(resolution(spec.resolution()));
        }
        if (spec.layout() != null) {
            broadcast.layout(layout(spec.layout()));
        }
        if (spec.multiBroadcastTag() != null) {
            broadcast.multiBroadcastTag(spec.multiBroadcastTag());
        }
        if (spec.maxDuration() != null) {
            broadcast.maxDuration(spec.maxDuration());
        }
        if (spec.maxBitrate() != null) {
            broadcast.maxBitrate(spec.maxBitrate());
        }
        return broadcast.build();
    }

    /** Vonage's broadcast, without the RTMP stream names: they are the services' stream keys. */
    static Broadcast broadcast(com.vonage.client.video.Broadcast b) {
        BroadcastUrls urls = b.getBroadcastUrls();
        List<RtmpOutput> rtmp = urls == null || urls.getRtmps() == null ? List.of() : urls.getRtmps().stream()
                .map(r -> new RtmpOutput(r.getId(), Objects.toString(r.getServerUrl(), null), null,
                        r.getStatus() == null ? null : r.getStatus().toString()))
                .toList();
        Hls hls = b.getHlsSettings();
        return new Broadcast(
                Objects.toString(b.getId(), null),
                b.getSessionId(),
                b.getStatus() == com.vonage.client.video.BroadcastStatus.STOPPED
                        ? BroadcastStatus.STOPPED : BroadcastStatus.STARTED,
                b.getCreatedAt(),
                b.getUpdatedAt(),
                b.getResolution() == null ? null : b.getResolution().toString(),
                b.getStreamMode() == StreamMode.MANUAL ? io.parley.video.StreamMode.MANUAL
                        : io.parley.video.StreamMode.AUTO,
                blankToNull(b.getMultiBroadcastTag()),
                b.getMaxDurationSeconds(),
                b.getMaxBitrate(),
                null,
                hls == null ? null : new HlsOutput(Boolean.TRUE.equals(hls.getDvr()),
                        Boolean.TRUE.equals(hls.getLowLatency()) && !Boolean.TRUE.equals(hls.getDvr())),
                urls == null || urls.getHls() == null ? null : urls.getHls().toString(),
                rtmp);
    }

    /** Vonage's status names are Parley's; an unknown future status is reported as FAILED rather than guessed. */
    static ArchiveStatus status(String vonageStatus) {
        try {
            return ArchiveStatus.valueOf(vonageStatus.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ArchiveStatus.FAILED;
        }
    }

    static Stream stream(GetStreamResponse s) {
        VideoType type = s.getVideoType() == com.vonage.client.video.VideoType.SCREEN ? VideoType.SCREEN
                : VideoType.CAMERA;
        // Vonage's stream listing names neither the connection nor which tracks are published
        return new Stream(Objects.toString(s.getId(), null), null, blankToNull(s.getName()), type, true, true,
                s.getLayoutClassList());
    }

    static Role role(String claim) {
        return Role.valueOf(claim.toUpperCase(Locale.ROOT));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
