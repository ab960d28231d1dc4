package io.parley.embedded.signaling;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** What the embedded platform tells browsers about ICE, and which candidates it lets through. */
@ConfigMapping(prefix = "parley.ice")
public interface IceConfig {

    /**
     * STUN/TURN servers handed to browsers in {@code connected}. None by default: host candidates work on one
     * machine or LAN, and Parley makes no calls to the internet unless told to.
     */
    Optional<List<IceServer>> servers();

    /**
     * Keep only loopback candidates (127.0.0.0/8, ::1) in what is relayed between browsers: tests use it so that
     * media never leaves the machine.
     */
    @WithDefault("false")
    boolean loopbackOnly();

    interface IceServer {
        /** e.g. {@code stun:stun.example.com:3478} or {@code turn:turn.example.com:3478?transport=udp} */
        List<String> urls();

        Optional<String> username();

        Optional<String> credential();
    }
}
