package io.parley.embedded.media.ice;

import io.parley.embedded.media.stun.StunMessage;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the agent a STUN request is for by the local ufrag in its USERNAME (RFC 8445 §7.3), so the transport can place
 * a check from an address it has not seen yet. Packets from known addresses are routed by address and never come here,
 * which is why the lookup may allocate the ufrag string.
 */
public final class UfragIndex {

    private final ConcurrentHashMap<String, IceLiteAgent> agents = new ConcurrentHashMap<>();

    /** Adds {@code agent} under its local ufrag; false when another agent already has that ufrag (generate new credentials). */
    public boolean register(IceLiteAgent agent) {
        return agents.putIfAbsent(agent.localCredentials().ufrag(), agent) == null;
    }

    /** Removes {@code agent}, leaving alone a different agent registered under the same ufrag. */
    public void unregister(IceLiteAgent agent) {
        agents.remove(agent.localCredentials().ufrag(), agent);
    }

    /** The agent for the USERNAME of {@code request}, or null (the caller counts {@link IceDropReason#UNKNOWN_UFRAG}). */
    public IceLiteAgent find(StunMessage request) {
        String ufrag = request.usernameLocalPart();
        return ufrag == null ? null : agents.get(ufrag);
    }

    public IceLiteAgent find(String localUfrag) {
        return agents.get(localUfrag);
    }

    public int size() {
        return agents.size();
    }
}
