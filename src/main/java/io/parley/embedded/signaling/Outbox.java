package io.parley.embedded.signaling;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where a participant's events go: its WebSocket in production, a list in unit tests. */
interface Outbox {

    /** Queues one event; events sent one after another arrive in that order. Never blocks. */
    void send(ObjectNode event);

    /** Closes the connection with a protocol close code (see {@link CloseCodes}). */
    void close(int code, String reason);
}
