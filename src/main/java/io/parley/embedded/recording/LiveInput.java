package io.parley.embedded.recording;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One input of the live composer: a Unix socket that FFmpeg connects to ({@code unix:<path>}) and reads a live WebM
 * from. Bytes are queued by the broadcast's thread and written by a thread of this input's own, so that FFmpeg
 * waiting on another input (it blocks reading one while its filter graph wants another) never blocks the broadcast,
 * and through it every other input: that would be a deadlock. Past {@link #MAX_QUEUED} bytes whole writes are
 * dropped, never parts of one: a WebM writer appends whole clusters, so what FFmpeg reads stays well formed and loses
 * at most some frames, which the next key frame repairs.
 *
 * <p>A Unix socket rather than a TCP port: it is in a folder only this process can enter, so no other local user can
 * connect first and read the media.
 */
final class LiveInput implements WebmSink {

    private static final Logger LOG = Logger.getLogger(LiveInput.class);
    static final int MAX_QUEUED = 4 << 20;

    private final Path path;
    private final ServerSocketChannel server;
    private final Thread writer;
    private final Deque<byte[]> queue = new ArrayDeque<>();
    private long queuedBytes;
    private long droppedWrites;
    private boolean closed;

    LiveInput(Path path) throws IOException {
        this.path = path;
        Files.deleteIfExists(path);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        this.writer = new Thread(this::run, "parley-live-input-" + path.getFileName());
        writer.setDaemon(true);
        writer.start();
    }

    /** What FFmpeg opens for this input. */
    String url() {
        return "unix:" + path;
    }

    @Override
    public synchronized void append(byte[] data, int length) {
        if (closed) {
            return;
        }
        if (queuedBytes + length > MAX_QUEUED) {
            droppedWrites++;
            return;
        }
        byte[] copy = new byte[length];
        System.arraycopy(data, 0, copy, 0, length);
        queue.addLast(copy);
        queuedBytes += length;
        notifyAll();
    }

    /** A live reader has the bytes already: nothing written can change. */
    @Override
    public void patch(long position, byte[] data, int length) {
    }

    @Override
    public void sync(boolean metadata) {
    }

    /** Ends the stream once what is queued is written, so FFmpeg sees the end of this input. */
    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** Stops at once, queued bytes or not (FFmpeg is gone or must go). */
    void abort() {
        close();
        writer.interrupt();
        try {
            server.close();
        } catch (IOException e) {
            LOG.debugf("closing %s: %s", path, e.getMessage());
        }
    }

    synchronized long droppedWrites() {
        return droppedWrites;
    }

    private void run() {
        try (ServerSocketChannel listening = server; SocketChannel reader = listening.accept()) {
            // one reader: FFmpeg
            listening.close();
            while (true) {
                byte[] next = take();
                if (next == null) {
                    return;
                }
                ByteBuffer buffer = ByteBuffer.wrap(next);
                while (buffer.hasRemaining()) {
                    reader.write(buffer);
                }
            }
        } catch (IOException e) {
            // FFmpeg went away (stopped, or failed): the period ends, its log says why
            LOG.debugf("live input %s: %s", path, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                closed = true;
                queue.clear();
                queuedBytes = 0;
            }
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.debugf("removing %s: %s", path, e.getMessage());
            }
        }
    }

    private synchronized byte[] take() throws InterruptedException {
        while (queue.isEmpty() && !closed) {
            wait();
        }
        byte[] next = queue.pollFirst();
        if (next != null) {
            queuedBytes -= next.length;
        }
        return next;
    }
}
