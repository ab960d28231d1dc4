package io.parley.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client's /rtc WebSocket, as the README's signaling protocol describes it: requests carry an id and complete
 * with the server's {@code ok} (or fail with its {@code error}); every other event is queued for the caller.
 */
final class SignalingClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final ConcurrentHashMap<String, CompletableFuture<ObjectNode>> pending = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<ObjectNode> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<ObjectNode> connected = new CompletableFuture<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private SignalingClient(HttpClient http, URI rtc) throws IOException {
        try {
            this.socket = http.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(rtc, new Listener())
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("cannot open " + rtc + ": " + e.getMessage(), e);
        }
    }

    /** Connects and authenticates with a token; returns once the server said {@code connected}. */
    static SignalingClient connect(HttpClient http, URI rtc, String token) throws IOException {
        SignalingClient client = new SignalingClient(http, rtc);
        client.send(JSON.createObjectNode().put("type", "connect").put("token", token));
        client.await(client.connected, "connected");
        return client;
    }

    /** Sends a request and waits for its {@code ok}. */
    ObjectNode request(ObjectNode message) throws IOException {
        String id = Integer.toString(ids.incrementAndGet());
        CompletableFuture<ObjectNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        send(message.put("id", id));
        return await(answer, message.path("type").asText());
    }

    void send(ObjectNode message) {
        synchronized (socket) {
            // one text frame at a time: the JDK WebSocket refuses a send while another is outstanding
            socket.sendText(message.toString(), true).join();
        }
    }

    /** The next event of this type, skipping others; fails after the wait. */
    ObjectNode next(String type) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            ObjectNode event;
            try {
                event = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (event == null) {
                throw new IOException("no " + type + " event within " + WAIT.toSeconds() + " s");
            }
            if (type.equals(event.path("type").asText())) {
                return event;
            }
        }
    }

    static ObjectNode message(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null);
    }

    private <T> T await(CompletableFuture<T> future, String what) throws IOException {
        try {
            return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException(what + ": " + cause.getMessage(), cause);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                dispatch(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            IOException gone = new IOException("signaling closed " + statusCode + " " + reason);
            connected.completeExceptionally(gone);
            pending.values().forEach(f -> f.completeExceptionally(gone));
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            connected.completeExceptionally(error);
            pending.values().forEach(f -> f.completeExceptionally(error));
        }

        private void dispatch(String frame) {
            ObjectNode event;
            try {
                event = (ObjectNode) JSON.readTree(frame);
            } catch (IOException | ClassCastException e) {
                return;
            }
            String type = event.path("type").asText();
            switch (type) {
                case "connected" -> connected.complete(event);
                case "ok", "error" -> {
                    CompletableFuture<ObjectNode> answer = pending.remove(event.path("id").asText());
                    if (answer != null) {
                        if (type.equals("ok")) {
                            answer.complete(event);
                        } else {
                            answer.completeExceptionally(new IOException(event.path("code").asText() + ": "
                                    + event.path("reason").asText()));
                        }
                    }
                }
                default -> events.add(event);
            }
        }
    }
}
