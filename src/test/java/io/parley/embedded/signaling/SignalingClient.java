package io.parley.embedded.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A signaling client for tests, over the JDK's WebSocket: sends JSON, records every event in arrival order, and
 * waits for events or for the close.
 */
final class SignalingClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<JsonNode> received = new ArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final CompletableFuture<String> closeReason = new CompletableFuture<>();
    private final WebSocket socket;
    private int cursor;

    private SignalingClient(URI uri) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new Listener()).join();
    }

    static SignalingClient open(URI base) {
        return new SignalingClient(base.resolve("/rtc"));
    }

    /** Opens a socket, connects with the token and waits for {@code connected}. */
    static SignalingClient connect(URI base, String token) {
        SignalingClient client = open(base);
        client.send(Map.of("type", "connect", "token", token));
        client.next("connected");
        return client;
    }

    void send(Object message) {
        try {
            sendText(JSON.writeValueAsString(message));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    void sendText(String text) {
        socket.sendText(text, true).join();
    }

    /** The next event of this type after the last one returned, skipping others (they stay in {@link #all()}). */
    JsonNode next(String type) {
        return next(type, e -> true);
    }

    /** The next event of {@code type} matching, or of {@code orType} with the same id (an error answering it). */
    synchronized JsonNode next(String type, Predicate<JsonNode> matching, String orType) {
        return next(e -> type.equals(e.path("type").asText()) && matching.test(e)
                || orType.equals(e.path("type").asText()) && matching.test(e), type + " or " + orType);
    }

    synchronized JsonNode next(String type, Predicate<JsonNode> matching) {
        return next(e -> type.equals(e.path("type").asText()) && matching.test(e), type);
    }

    private synchronized JsonNode next(Predicate<JsonNode> matching, String description) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            for (int i = cursor; i < received.size(); i++) {
                JsonNode event = received.get(i);
                if (matching.test(event)) {
                    cursor = i + 1;
                    return event;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("No " + description + " event within " + WAIT + "; received "
                        + abbreviated());
            }
            try {
                wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Sends a request with an id and returns the server's ok or error for it. */
    JsonNode request(Map<String, Object> message) {
        String id = java.util.UUID.randomUUID().toString();
        java.util.Map<String, Object> withId = new java.util.HashMap<>(message);
        withId.put("id", id);
        send(withId);
        synchronized (this) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                for (JsonNode event : received) {
                    if (id.equals(event.path("id").asText())) {
                        return event;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("No answer to a " + message.get("type") + " request; received "
                            + abbreviated());
                }
                try {
                    wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    private String abbreviated() {
        String all = received.toString();
        return all.length() <= 2000 ? all : all.substring(0, 2000) + "…";
    }

    synchronized List<JsonNode> all() {
        return List.copyOf(received);
    }

    synchronized List<String> types() {
        return received.stream().map(e -> e.path("type").asText()).toList();
    }

    int awaitClose() {
        return closeCode.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    String closeReason() {
        return closeReason.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    boolean isClosed() {
        return closeCode.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null).join();
        }
        socket.abort();
    }

    private synchronized void receive(String text) {
        try {
            received.add(JSON.readTree(text));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("The server sent invalid JSON: " + text, e);
        }
        notifyAll();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                receive(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason.complete(reason);
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeReason.complete(String.valueOf(error));
            closeCode.complete(-1);
        }
    }
}
