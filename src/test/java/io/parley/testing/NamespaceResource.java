package io.parley.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.util.Map;

/**
 * A {@link NetworkNamespace} made before the server starts (it binds the pair's host end) and removed after it
 * stopped. Arguments: {@code name}, {@code host}, {@code inside}, {@code block-udp} ("true" to let no UDP out) and
 * {@code downlink-kbit} (a token bucket on what reaches the namespace); and for the test's browsers on an unshaped
 * network, {@code here}, {@code here-host} and {@code here-inside}: a second namespace, whose packets to {@code host}
 * (where the server listens) go through its own pair.
 */
public class NamespaceResource implements QuarkusTestResourceLifecycleManager {

    private Map<String, String> args;
    private NetworkNamespace namespace;
    private NetworkNamespace here;

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
            if (args.containsKey("here")) {
                here = NetworkNamespace.create(args.get("here"), args.get("here-host"), args.get("here-inside"));
                here.routeTo(args.get("host"));
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
        if (here != null) {
            here.close();
        }
    }
}
