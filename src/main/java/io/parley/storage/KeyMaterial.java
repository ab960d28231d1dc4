package io.parley.storage;

import java.util.function.Supplier;

/**
 * Secrets that every replica must share (the server key, the token signing key, the media URL key): created once,
 * by whichever replica asks first, and the same for everyone after that. Asked for at start-up only, so the answer
 * may be waited for.
 */
public interface KeyMaterial {

    /** The key stored as {@code name}; if there is none yet, {@code generate}'s, stored unless another won the race. */
    Stored getOrCreate(String name, Supplier<byte[]> generate);

    /** A key, and whether this call created it (a first start says so in the log). */
    record Stored(byte[] value, boolean created) {
        @Override
        public String toString() {
            return "Stored[created=" + created + "]";
        }
    }
}
