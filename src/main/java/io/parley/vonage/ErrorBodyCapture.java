package io.parley.vonage;

import org.apache.http.HttpEntity;
import org.apache.http.HttpResponse;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.entity.BufferedHttpEntity;
import org.apache.http.protocol.HttpContext;
import org.apache.http.util.EntityUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the status and body of Vonage's last error response on the calling thread. The SDK parses error bodies as
 * problem+json ({@code title}, {@code detail}), but the video API answers {@code {"code":..,"message":..}}, so the
 * SDK drops the one sentence that says what was wrong (e.g. why a 409); and a body that is not JSON at all (a
 * proxy's error page) makes the SDK throw a parse error that has lost the status. Every SDK call runs synchronously on one
 * worker thread, so a thread-local read right after the call sees that call's response.
 */
final class ErrorBodyCapture implements HttpResponseInterceptor {

    private static final int MAX_CHARS = 2000;
    private static final ThreadLocal<ErrorResponse> LAST = new ThreadLocal<>();

    /** Vonage's HTTP status and (possibly truncated) body. */
    record ErrorResponse(int status, String body) {
    }

    @Override
    public void process(HttpResponse response, HttpContext context) throws IOException {
        int status = response.getStatusLine().getStatusCode();
        HttpEntity entity = response.getEntity();
        if (status < 400) {
            return;
        }
        if (entity == null) {
            LAST.set(new ErrorResponse(status, null));
            return;
        }
        // buffered so that the SDK can still read the body after us
        BufferedHttpEntity buffered = new BufferedHttpEntity(entity);
        response.setEntity(buffered);
        String body = EntityUtils.toString(buffered, StandardCharsets.UTF_8);
        LAST.set(new ErrorResponse(status, body.length() > MAX_CHARS ? body.substring(0, MAX_CHARS) : body));
    }

    static void clear() {
        LAST.remove();
    }

    /** The last error response seen on this thread, or null; clears it. */
    static ErrorResponse take() {
        ErrorResponse body = LAST.get();
        LAST.remove();
        return body;
    }
}
