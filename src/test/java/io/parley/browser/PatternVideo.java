package io.parley.browser;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Y4M video of a square gliding over grey for Chromium's fake camera: moving content that encodes cheaply, so a
 * test of many participants on two cores measures delivery rather than how fast four browsers can run VP8.
 */
final class PatternVideo {

    private PatternVideo() {
    }

    static Path write(Path file, int width, int height, int fps, int frames) throws IOException {
        return write(file, width, height, fps, frames, 90);
    }

    /** With the grey at {@code luma} (16 black .. 235 white), so that composed pictures tell cameras apart. */
    static Path write(Path file, int width, int height, int fps, int frames, int luma) throws IOException {
        int side = height / 4;
        byte[] frame = new byte[width * height * 3 / 2];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(("YUV4MPEG2 W" + width + " H" + height + " F" + fps + ":1 Ip A1:1 C420jpeg\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < frames; i++) {
                java.util.Arrays.fill(frame, 0, width * height, (byte) luma);
                java.util.Arrays.fill(frame, width * height, frame.length, (byte) 128);
                int left = (i * (width - side)) / Math.max(1, frames - 1);
                for (int y = (height - side) / 2; y < (height + side) / 2; y++) {
                    java.util.Arrays.fill(frame, y * width + left, y * width + left + side, (byte) 220);
                }
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(frame);
            }
        }
        return file;
    }
}
