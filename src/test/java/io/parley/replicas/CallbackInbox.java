package io.parley.replicas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * The application behind {@code parley.callbacks.url}: records every delivery in arrival order, and answers 503
 * ("down, try later") while the test says so.
 */
final class CallbackInbox implements AutoCloseable {

    static final String PATH = "/hooks/archives";

    /** One delivery as it arrived. */
    record Delivery(String eventId, String headerEventId, String archiveId, String status) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final java.util.concurrent.ExecutorService threads = Executors.newFixedThreadPool(8);
    private final List<Delivery> accepted = new ArrayList<>();
    private volatile boolean down;
    private int refused;

    CallbackInbox() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext(PATH, this::receive);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    void down(boolean down) {
        this.down = down;
    }

    synchronized List<Delivery> accepted() {
        return List.copyOf(accepted);
    }

    synchronized int refused() {
        return refused;
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (down) {
                synchronized (this) {
                    refused++;
                }
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            JsonNode json = JSON.readTree(body);
            synchronized (this) {
                accepted.add(new Delivery(json.path("eventId").asText(), exchange.getRequestHeaders()
                        .getFirst("X-Parley-Event-Id"), json.path("id").asText(), json.path("status").asText()));
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
