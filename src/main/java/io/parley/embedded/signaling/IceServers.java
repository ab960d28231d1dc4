package io.parley.embedded.signaling;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** The {@code iceServers} of the {@code connected} event: {@link IceConfig}'s servers, as RTCConfiguration takes them. */
final class IceServers {

    private IceServers() {
    }

    static ArrayNode of(IceConfig config) {
        ArrayNode servers = JsonNodeFactory.instance.arrayNode();
        config.servers().orElse(List.of()).forEach(server -> {
            ObjectNode entry = servers.addObject();
            ArrayNode urls = entry.putArray("urls");
            server.urls().forEach(urls::add);
            server.username().ifPresent(u -> entry.put("username", u));
            server.credential().ifPresent(c -> entry.put("credential", c));
        });
        return servers;
    }
}
