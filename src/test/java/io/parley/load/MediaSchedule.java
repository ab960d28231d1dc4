package io.parley.load;

import io.parley.embedded.recording.WebmInspector;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * When a publisher sends which frame, and how large: the frame schedule of a recorded WebM (block times, sizes and
 * key frames, as the recorder wrote them from a real browser) played in a loop, or a camera-like schedule when no
 * recording is given. Only sizes and timing matter to the router; the bytes are filler.
 */
record MediaSchedule(List<Frame> frames, long loopMillis, String source) {

    /** One audio or video frame at {@code atMillis} from the start of the loop. */
    record Frame(long atMillis, boolean video, boolean keyFrame, int size) {
    }

    static MediaSchedule recorded(Path webm) throws IOException {
        record Block(int track, long at, boolean key, int length) {
        }
        List<Block> blocks = new ArrayList<>();
        WebmInspector.Report report = WebmInspector.inspect(webm,
                (track, at, key, length) -> blocks.add(new Block(track, at, key, length)));
        int videoTrack = report.tracks().stream().filter(t -> t.width() > 0).mapToInt(WebmInspector.Track::number)
                .findFirst().orElseThrow(() -> new IOException(webm + " has no video track"));
        List<Frame> frames = new ArrayList<>();
        for (Block block : blocks) {
            boolean video = block.track() == videoTrack;
            frames.add(new Frame(block.at() - report.firstTimestamp(), video, video && block.key(), block.length()));
        }
        if (frames.stream().noneMatch(Frame::video)) {
            throw new IOException(webm + " has no video blocks");
        }
        frames.sort(Comparator.comparingLong(Frame::atMillis));
        long last = frames.get(frames.size() - 1).atMillis();
        return new MediaSchedule(List.copyOf(frames), last + 33, webm.getFileName().toString());
    }

    /**
     * A 640x480 camera as Chrome sends it on a good network: VP8 at 30 fps and about {@code videoKbps}, a key
     * frame (about eight times larger) every 3 s; Opus at 50 packets per second and about 40 kbit/s.
     */
    /** The same schedule without its video frames: a participant who publishes only a microphone. */
    MediaSchedule audioOnly() {
        return new MediaSchedule(frames.stream().filter(f -> !f.video()).toList(), loopMillis, source + ", audio only");
    }

    static MediaSchedule camera(int videoKbps) {
        List<Frame> frames = new ArrayList<>();
        long loop = 3000;
        int framesPerLoop = 90;
        int keyFrameScale = 8;
        // one key frame and 89 delta frames per loop carry the loop's bytes: the bitrate asked for, on average
        long bytesPerLoop = videoKbps * 1000L / 8 * loop / 1000;
        int deltaSize = (int) Math.max(200, bytesPerLoop / (framesPerLoop - 1 + keyFrameScale));
        for (int i = 0; i < framesPerLoop; i++) {
            boolean key = i == 0;
            frames.add(new Frame(i * loop / framesPerLoop, true, key, key ? deltaSize * keyFrameScale : deltaSize));
        }
        for (int i = 0; i < 150; i++) {
            frames.add(new Frame(i * 20L, false, false, 100));
        }
        frames.sort(Comparator.comparingLong(Frame::atMillis));
        return new MediaSchedule(List.copyOf(frames), loop, "camera " + videoKbps + " kbit/s");
    }
}
