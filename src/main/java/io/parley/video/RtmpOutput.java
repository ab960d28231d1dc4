package io.parley.video;

import java.net.URI;
import java.util.Locale;

/**
 * One RTMP destination of a broadcast (a streaming service's ingest): its server URL ({@code rtmp://} or
 * {@code rtmps://}) and stream name (the service's stream key: required in a request, never logged, and null in
 * what platforms report back). {@code status} is Vonage's (connecting, live, offline, error) once the broadcast
 * runs, null in a request.
 */
public record RtmpOutput(String id, String serverUrl, String streamName, String status) {

    public static final int MAX_ID = 200;

    public RtmpOutput {
        if (serverUrl == null || serverUrl.isBlank()) {
            throw new InvalidRequestException("outputs.rtmp.serverUrl", "is required");
        }
        String scheme;
        try {
            URI uri = URI.create(serverUrl);
            scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null) {
                throw new InvalidRequestException("outputs.rtmp.serverUrl", "must name a host");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("outputs.rtmp.serverUrl", "is not a URL");
        }
        if (!scheme.equals("rtmp") && !scheme.equals("rtmps")) {
            throw new InvalidRequestException("outputs.rtmp.serverUrl", "must be an rtmp:// or rtmps:// URL");
        }
        if (id != null && (id.isBlank() || id.length() > MAX_ID)) {
            throw new InvalidRequestException("outputs.rtmp.id", "must be 1 to " + MAX_ID + " characters");
        }
    }

    /** Without the stream name, the secret part: what logs and error messages may show. */
    @Override
    public String toString() {
        return "RtmpOutput[id=" + id + ", serverUrl=" + serverUrl + ", status=" + status + "]";
    }
}
