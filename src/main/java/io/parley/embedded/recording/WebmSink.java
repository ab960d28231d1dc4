package io.parley.embedded.recording;

import java.io.IOException;

/**
 * Where a {@link WebmWriter}'s bytes go: a file, which can be patched in place once sizes are known, or a live
 * stream to a reader, which can only be appended to.
 */
public interface WebmSink {

    /** Writes {@code length} bytes after everything written so far. */
    void append(byte[] data, int length) throws IOException;

    /** Overwrites bytes written earlier at {@code position}; a sink that cannot go back ignores it. */
    void patch(long position, byte[] data, int length) throws IOException;

    /** Makes what was written durable, where that means something ({@code metadata}: the file's size too). */
    void sync(boolean metadata) throws IOException;

    void close() throws IOException;
}
