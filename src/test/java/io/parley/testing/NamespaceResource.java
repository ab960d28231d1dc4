package io.parley.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.util.Map;

/**
 * A {@link NetworkNamespace} made before the server starts (it binds the pair's host end) and removed after it
 * stopped. Arguments: {@code name}, {@code host}, {@code inside}, {@code block-udp} ("true" to let no UDP out) and
 * {@code downlink-kbit} (a token bucket on what reaches the namespace).
 */
public class NamespaceResource implements QuarkusTestResourceLifecycleManager {

    private Map<String, String> args;
    private NetworkNamespace namespace;

    @Override
    public void init(Map<String, String> initArgs) {
        this.args = initArgs;
    }

    @Override
    public Map<String, String> start() {
        try {
            namespace = NetworkNamespace.create(args.get("name"), args.get("host"), args.get("inside"));
            if (Boolean.parseBoolean(args.getOrDefault("block-udp", "false"))) {
                namespace.blockUdp();
            }
            if (args.containsKey("downlink-kbit")) {
                namespace.shapeDownlink(Integer.parseInt(args.get("downlink-kbit")));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot make network namespace " + args.get("name"), e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
        if (namespace != null) {
            namespace.close();
        }
    }
}
