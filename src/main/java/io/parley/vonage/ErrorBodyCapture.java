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
 * Keeps the body of Vonage's last error response on the calling thread. The SDK parses error bodies as
 * problem+json ({@code title}, {@code detail}), but the video API answers {@code {"code":..,"message":..}}, so the
 * SDK drops the one sentence that says what was wrong (e.g. why a 409). Every SDK call runs synchronously on one
 * worker thread, so a thread-local read right after the call sees that call's response.
 */
final class ErrorBodyCapture implements HttpResponseInterceptor {

    private static final int MAX_CHARS = 2000;
    private static final ThreadLocal<String> LAST = new ThreadLocal<>();

    @Override
    public void process(HttpResponse response, HttpContext context) throws IOException {
        HttpEntity entity = response.getEntity();
        if (response.getStatusLine().getStatusCode() < 400 || entity == null) {
            return;
        }
        // buffered so that the SDK can still read the body after us
        BufferedHttpEntity buffered = new BufferedHttpEntity(entity);
        response.setEntity(buffered);
        String body = EntityUtils.toString(buffered, StandardCharsets.UTF_8);
        LAST.set(body.length() > MAX_CHARS ? body.substring(0, MAX_CHARS) : body);
    }

    static void clear() {
        LAST.remove();
    }

    /** The last error body seen on this thread, or null; clears it. */
    static String take() {
        String body = LAST.get();
        LAST.remove();
        return body;
    }
}
