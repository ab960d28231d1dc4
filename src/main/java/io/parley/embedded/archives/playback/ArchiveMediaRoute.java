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

/**
 * Serves an archive's media at the signed URL the playback route redirects to, with HTTP Range support, so a
 * {@code <video>} element can seek and a download can resume. The signature is the permission; the file is served
 * straight from the data directory by Vert.x, off the event loop's critical path (sendfile).
 */
@ApplicationScoped
public class ArchiveMediaRoute {

    private final PlatformSelection selection;
    private final Instance<ArchiveMediaSource> platform;
    private final ObjectMapper mapper;

    public ArchiveMediaRoute(PlatformSelection selection, Instance<ArchiveMediaSource> platform, ObjectMapper mapper) {
        this.selection = selection;
        this.platform = platform;
        this.mapper = mapper;
    }

    void register(@Observes Router router) {
        router.route(SignedMediaUrls.PATH + ":archiveId").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .order(-100).handler(this::serve);
    }

    private void serve(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (!selection.is(ParleyConfig.Platform.embedded)) {
            problem(response, ProblemType.NOT_FOUND, "Archive media is served by the video platform");
            return;
        }
        String archiveId = context.pathParam("archiveId");
        ArchiveMediaSource embedded = platform.get();
        if (!embedded.verify(archiveId, context.request().getParam("expires"),
                context.request().getParam("signature"))) {
            problem(response, ProblemType.FORBIDDEN, "This media link is invalid or has expired; ask the playback route "
                    + "for a new one");
            return;
        }
        Optional<Path> file = embedded.media(archiveId);
        if (file.isEmpty()) {
            problem(response, ProblemType.NOT_FOUND, "The archive has no media");
            return;
        }
        context.vertx().executeBlocking(() -> Files.size(file.get())).onComplete(size -> {
            if (size.failed()) {
                problem(response, ProblemType.NOT_FOUND, "The archive's media cannot be read");
                return;
            }
            send(context, file.get(), size.result());
        });
    }

    private void send(RoutingContext context, Path file, long size) {
        HttpServerResponse response = context.response();
        response.putHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.putHeader(HttpHeaders.CONTENT_TYPE, contentType(file));
        response.putHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=600");
        ByteRange range = ByteRange.parse(context.request().getHeader("Range"), size);
        if (range == ByteRange.UNSATISFIABLE) {
            response.putHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
            problem(response, ProblemType.RANGE_NOT_SATISFIABLE, "The file has " + size + " bytes");
            return;
        }
        long offset = range == null ? 0 : range.start();
        long length = range == null ? size : range.length();
        if (range != null) {
            response.setStatusCode(206);
            response.putHeader(HttpHeaders.CONTENT_RANGE, "bytes " + range.start() + "-" + range.end() + "/" + size);
        }
        if (context.request().method() == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(length)).end();
            return;
        }
        response.sendFile(file.toString(), offset, length);
    }

    static String contentType(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".mp4")) {
            return "video/mp4";
        }
        if (name.endsWith(".webm")) {
            return "video/webm";
        }
        if (name.endsWith(".zip")) {
            return "application/zip";
        }
        return "application/octet-stream";
    }

    private void problem(HttpServerResponse response, ProblemType type, String detail) {
        ProblemResponses.send(mapper, response, type, detail);
    }
}
