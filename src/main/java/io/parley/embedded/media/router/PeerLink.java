package io.parley.embedded.media.router;

import io.parley.embedded.media.dtls.DtlsServerEndpoint;
import io.parley.embedded.media.dtls.SrtpKeyMaterial;
import io.parley.embedded.media.ice.IceLiteAgent;
import io.parley.embedded.media.srtp.SrtpContext;
import io.parley.embedded.media.srtp.SrtpKeys;
import io.parley.embedded.media.srtp.SrtpProfile;

import java.net.InetSocketAddress;

/**
 * One peer connection between a browser and the router: its ICE-lite agent, its DTLS endpoint, and once the
 * handshake is done, its SRTP contexts. A link either receives a published stream or sends a subscription.
 *
 * <p>Everything but construction happens on the router's media thread; the SRTP contexts are not thread-safe and
 * are only touched there.
 */
final class PeerLink {

    enum Kind { PUBLISHER, SUBSCRIBER }

    private final String linkId;
    private final Kind kind;
    private final IceLiteAgent ice;
    private final Runnable onGone;
    private volatile DtlsServerEndpoint dtls;
    private volatile InetSocketAddress remote;
    private SrtpContext inbound;
    private SrtpContext outbound;
    private boolean gone;

    PeerLink(String linkId, Kind kind, IceLiteAgent ice, Runnable onGone) {
        this.linkId = linkId;
        this.kind = kind;
        this.ice = ice;
        this.onGone = onGone;
    }

    String linkId() {
        return linkId;
    }

    Kind kind() {
        return kind;
    }

    IceLiteAgent ice() {
        return ice;
    }

    DtlsServerEndpoint dtls() {
        return dtls;
    }

    void dtls(DtlsServerEndpoint endpoint) {
        this.dtls = endpoint;
    }

    InetSocketAddress remote() {
        InetSocketAddress selected = ice.selectedAddress();
        return selected != null ? selected : remote;
    }

    void remote(InetSocketAddress address) {
        this.remote = address;
    }

    /** The browser is the DTLS client: it writes with the client keys, the router with the server keys. */
    void installKeys(SrtpKeyMaterial material) {
        inbound = new SrtpContext(SrtpKeys.derive(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
                material.clientWriteKey(), material.clientWriteSalt()));
        outbound = new SrtpContext(SrtpKeys.derive(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
                material.serverWriteKey(), material.serverWriteSalt()));
    }

    boolean secure() {
        return inbound != null && remote() != null;
    }

    SrtpContext inbound() {
        return inbound;
    }

    SrtpContext outbound() {
        return outbound;
    }

    /** Marks the link gone once and tells signaling; false if it already was. */
    boolean gone() {
        if (gone) {
            return false;
        }
        gone = true;
        onGone.run();
        return true;
    }

    void close() {
        gone = true;
        DtlsServerEndpoint endpoint = dtls;
        if (endpoint != null) {
            endpoint.close();
        }
    }
}
