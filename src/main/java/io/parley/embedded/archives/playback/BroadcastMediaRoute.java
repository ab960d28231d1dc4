package io.parley.embedded.archives.playback;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.ParleyConfig;
import io.parley.PlatformSelection;
import io.parley.api.problem.ProblemResponses;
import io.parley.api.problem.ProblemType;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Serves a live broadcast's HLS playlist and segments at the signed URL the broadcast reports as {@code hlsUrl}.
 * Only the playlist and segment names FFmpeg writes are served, never another file of the folder; the playlist is
 * never cached (it changes every segment), a segment may be (it never changes).
 */
@ApplicationScoped
public class BroadcastMediaRoute {

    private static final Pattern FILE = Pattern.compile("index\\.m3u8|seg-\\d{5,9}\\.ts");

    private final PlatformSelection selection;
    private final Instance<BroadcastMediaSource> platform;
    private final ObjectMapper mapper;

    public BroadcastMediaRoute(PlatformSelection selection, Instance<BroadcastMediaSource> platform,
                               ObjectMapper mapper) {
        this.selection = selection;
        this.platform = platform;
        this.mapper = mapper;
    }

    void register(@Observes Router router) {
        router.route(SignedMediaUrls.BROADCAST_PATH + ":broadcastId/:expires/:signature/:file")
                .method(HttpMethod.GET).method(HttpMethod.HEAD).order(-100).handler(this::serve);
    }

    private void serve(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (!selection.is(ParleyConfig.Platform.embedded)) {
            problem(response, ProblemType.NOT_FOUND, "Broadcasts are served by the video platform");
            return;
        }
        String broadcastId = context.pathParam("broadcastId");
        String file = context.pathParam("file");
        BroadcastMediaSource embedded = platform.get();
        if (!embedded.verifyBroadcast(broadcastId, context.pathParam("expires"), context.pathParam("signature"))) {
            problem(response, ProblemType.FORBIDDEN, "This broadcast link is invalid or has expired");
            return;
        }
        if (!FILE.matcher(file).matches()) {
            problem(response, ProblemType.NOT_FOUND, "A broadcast has only its playlist and segments");
            return;
        }
        Optional<Path> folder = embedded.hlsFolder(broadcastId);
        if (folder.isEmpty()) {
            problem(response, ProblemType.NOT_FOUND, "The broadcast is not streaming HLS");
            return;
        }
        Path path = folder.get().resolve(file);
        boolean playlist = file.endsWith(".m3u8");
        context.vertx().executeBlocking(() -> playlist ? Files.readAllBytes(path) : null).onComplete(read -> {
            if (read.failed() || (!playlist && !Files.isRegularFile(path))) {
                problem(response, ProblemType.NOT_FOUND, playlist ? "The broadcast has no playlist yet"
                        : "No such segment (it may have left the live window)");
                return;
            }
            if (playlist) {
                // read whole: FFmpeg replaces the playlist as it goes, a file sent while rewritten could be torn
                response.putHeader(HttpHeaders.CONTENT_TYPE, "application/vnd.apple.mpegurl")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                        .end(io.vertx.core.buffer.Buffer.buffer(read.result()));
            } else {
                response.putHeader(HttpHeaders.CONTENT_TYPE, "video/mp2t")
                        .putHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=600")
                        .sendFile(path.toString());
            }
        });
    }

    private void problem(HttpServerResponse response, ProblemType type, String detail) {
        ProblemResponses.send(mapper, response, type, detail);
    }
}
