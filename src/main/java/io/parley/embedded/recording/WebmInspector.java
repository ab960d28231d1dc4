package io.parley.embedded.recording;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads back what {@link WebmWriter} wrote, possibly cut short by a crash: the tracks, the blocks of every complete cluster
 * and where the usable part of the file ends. Recovery uses it to decide whether a stream left by a crash holds anything
 * and how long it is; a cluster that runs past the end of the file is not counted, and {@link Report#usableLength()} is
 * where the file can be cut to leave only whole elements.
 *
 * <p>It understands the subset the writer produces (known-size clusters, SimpleBlocks, a Segment of known or unknown size)
 * and skips other top-level elements; it never throws on malformed content, only on I/O errors.
 */
public final class WebmInspector {

    /** One track entry. Width and height are 0 for audio, channels and sampling frequency 0 for video. */
    public record Track(int number, int type, String codecId, int width, int height, int channels, double samplingFrequency) {
    }

    /** Called for each block of each complete cluster, in file order. */
    @FunctionalInterface
    public interface BlockListener {
        void block(int track, long timestampMillis, boolean keyFrame, int frameLength);
    }

    /**
     * @param docType          the EBML DocType, null when the file does not start with an EBML header
     * @param blocks           blocks per track number, complete clusters only
     * @param lastTimestamp    the latest block time in ms, -1 without blocks
     * @param usableLength     bytes of whole elements from the start of the file
     * @param closed           the Segment has a known size, so {@link WebmWriter#close()} completed
     */
    public record Report(String docType, List<Track> tracks, Map<Integer, Long> blocks, long firstTimestamp,
                         long lastTimestamp, int clusters, long usableLength, boolean closed) {

        public long blockCount(int track) {
            return blocks.getOrDefault(track, 0L);
        }

        /** True when a player would find something in it: tracks and at least one block. */
        public boolean usable() {
            return "webm".equals(docType) && !tracks.isEmpty() && !blocks.isEmpty();
        }

        public Track track(int number) {
            return tracks.stream().filter(t -> t.number() == number).findFirst().orElse(null);
        }
    }

    private WebmInspector() {
    }

    public static Report inspect(Path file) throws IOException {
        return inspect(file, (track, time, key, length) -> { });
    }

    public static Report inspect(Path file, BlockListener listener) throws IOException {
        long fileLength = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return new Parse(new Reader(in, fileLength), listener).run();
        }
    }

    private static final class Parse {
        final Reader reader;
        final BlockListener listener;
        String docType;
        final List<Track> tracks = new ArrayList<>();
        final Map<Integer, Long> blocks = new TreeMap<>();
        long first = -1;
        long last = -1;
        int clusters;
        long usable;
        boolean closed;

        Parse(Reader reader, BlockListener listener) {
            this.reader = reader;
            this.listener = listener;
        }

        Report run() throws IOException {
            try {
                parse();
            } catch (EOFException | Malformed truncated) {
                // the file ends inside an element or holds garbage: what was counted so far stands
            }
            return new Report(docType, Collections.unmodifiableList(tracks), Collections.unmodifiableMap(blocks), first, last,
                    clusters, usable, closed);
        }

        private void parse() throws IOException {
            if (reader.id() != Ebml.EBML) {
                return;
            }
            long headerEnd = reader.wholeElementEnd();
            while (reader.position < headerEnd) {
                int id = reader.id();
                long size = reader.knownSize();
                if (id == Ebml.DOC_TYPE) {
                    docType = reader.string(size);
                } else {
                    reader.skip(size);
                }
            }
            if (reader.id() != Ebml.SEGMENT) {
                return;
            }
            long segmentSize = reader.size();
            closed = segmentSize >= 0;
            long segmentEnd = closed ? reader.position + segmentSize : reader.fileLength;
            usable = reader.position;
            while (reader.position < segmentEnd) {
                int id = reader.id();
                long end = reader.wholeElementEnd();
                switch (id) {
                    case Ebml.TRACKS -> tracks(end);
                    case Ebml.CLUSTER -> cluster(end);
                    default -> reader.skip(end - reader.position);
                }
                usable = end;
            }
        }

        private void tracks(long end) throws IOException {
            while (reader.position < end) {
                int id = reader.id();
                long size = reader.knownSize();
                if (id == Ebml.TRACK_ENTRY) {
                    tracks.add(trackEntry(reader.position + size));
                } else {
                    reader.skip(size);
                }
            }
        }

        private Track trackEntry(long end) throws IOException {
            int number = 0;
            int type = 0;
            String codec = null;
            int width = 0;
            int height = 0;
            int channels = 0;
            double frequency = 0;
            while (reader.position < end) {
                int id = reader.id();
                long size = reader.knownSize();
                switch (id) {
                    case Ebml.TRACK_NUMBER -> number = (int) reader.uint(size);
                    case Ebml.TRACK_TYPE -> type = (int) reader.uint(size);
                    case Ebml.CODEC_ID -> codec = reader.string(size);
                    case Ebml.VIDEO, Ebml.AUDIO -> {
                        // descend: their children are read by this same loop
                    }
                    case Ebml.PIXEL_WIDTH -> width = (int) reader.uint(size);
                    case Ebml.PIXEL_HEIGHT -> height = (int) reader.uint(size);
                    case Ebml.CHANNELS -> channels = (int) reader.uint(size);
                    case Ebml.SAMPLING_FREQUENCY -> frequency = reader.floatValue(size);
                    default -> reader.skip(size);
                }
            }
            return new Track(number, type, codec, width, height, channels, frequency);
        }

        private void cluster(long end) throws IOException {
            long timestamp = 0;
            // blocks are reported only once the whole cluster is known to be in the file (wholeElementEnd checked it)
            while (reader.position < end) {
                int id = reader.id();
                long size = reader.knownSize();
                if (id == Ebml.TIMESTAMP) {
                    timestamp = reader.uint(size);
                } else if (id == Ebml.SIMPLE_BLOCK) {
                    block(timestamp, size);
                } else {
                    reader.skip(size);
                }
            }
            clusters++;
        }

        private void block(long clusterTimestamp, long size) throws IOException {
            long start = reader.position;
            int track = (int) reader.vint();
            int relative = (short) (reader.u8() << 8 | reader.u8());
            boolean key = (reader.u8() & 0x80) != 0;
            int headerLength = (int) (reader.position - start);
            if (headerLength > size) {
                throw new Malformed();
            }
            reader.skip(size - headerLength);
            long time = clusterTimestamp + relative;
            blocks.merge(track, 1L, Long::sum);
            first = first < 0 ? time : Math.min(first, time);
            last = Math.max(last, time);
            listener.block(track, time, key, (int) (size - headerLength));
        }
    }

    /** Content that is not what the writer produces; ends the inspection like the end of the file does. */
    private static final class Malformed extends IOException {
        Malformed() {
            super("malformed EBML");
        }
    }

    /** EBML primitives over a stream, with the position kept so that element ends can be compared with the file length. */
    private static final class Reader {
        final InputStream in;
        final long fileLength;
        long position;

        Reader(InputStream in, long fileLength) {
            this.in = in;
            this.fileLength = fileLength;
        }

        int u8() throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            position++;
            return b;
        }

        /** An element id: its leading zero bits give its length (1 to 4 bytes), and the marker bit stays in the id. */
        int id() throws IOException {
            int first = u8();
            int length = Integer.numberOfLeadingZeros(first) - 23;
            if (length < 1 || length > 4) {
                throw new Malformed();
            }
            int id = first;
            for (int i = 1; i < length; i++) {
                id = id << 8 | u8();
            }
            return id;
        }

        /** A variable-length integer without its marker; -1 when every value bit is set (unknown size). */
        long size() throws IOException {
            int first = u8();
            int length = Integer.numberOfLeadingZeros(first) - 23;
            if (length < 1 || length > 8) {
                throw new Malformed();
            }
            long value = first & (0xFF >>> length);
            long allOnes = (1L << (7 * length)) - 1;
            for (int i = 1; i < length; i++) {
                value = value << 8 | u8();
            }
            return value == allOnes ? -1 : value;
        }

        long vint() throws IOException {
            long value = size();
            if (value < 0) {
                throw new Malformed();
            }
            return value;
        }

        long knownSize() throws IOException {
            return vint();
        }

        /** Reads a size and returns where the element ends, refusing unknown sizes and elements cut off by the file's end. */
        long wholeElementEnd() throws IOException {
            long size = vint();
            if (size > fileLength - position) {
                throw new EOFException();
            }
            return position + size;
        }

        long uint(long size) throws IOException {
            if (size > 8) {
                throw new Malformed();
            }
            long value = 0;
            for (long i = 0; i < size; i++) {
                value = value << 8 | u8();
            }
            return value;
        }

        double floatValue(long size) throws IOException {
            if (size == 4) {
                return Float.intBitsToFloat((int) uint(4));
            }
            if (size == 8) {
                return Double.longBitsToDouble(uint(8));
            }
            skip(size);
            return 0;
        }

        String string(long size) throws IOException {
            if (size > 1024) {
                throw new Malformed();
            }
            byte[] bytes = in.readNBytes((int) size);
            if (bytes.length < size) {
                throw new EOFException();
            }
            position += size;
            int length = bytes.length;
            while (length > 0 && bytes[length - 1] == 0) {
                length--;
            }
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }

        void skip(long count) throws IOException {
            long left = count;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException();
                    }
                    skipped = 1;
                }
                left -= skipped;
                position += skipped;
            }
        }
    }
}
