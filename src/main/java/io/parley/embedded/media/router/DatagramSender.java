package io.parley.embedded.media.router;

import java.net.InetSocketAddress;

/** Where the forwarding path puts the datagrams it makes: the media port, or a counter in a benchmark. */
interface DatagramSender {

    /** Sends {@code length} bytes of {@code packet}; the array may be reused as soon as this returns. */
    void send(InetSocketAddress to, byte[] packet, int length);
}
