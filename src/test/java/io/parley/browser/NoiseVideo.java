package io.parley.browser;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.BiConsumer;

/** A Y4M video of random noise for Chromium's fake camera: content no encoder can squeeze. */
final class NoiseVideo {

    private NoiseVideo() {
    }

    static Path write(Path file, int width, int height, int fps, int frames) throws IOException {
        return write(file, width, height, fps, frames, (random, frame) -> random.nextBytes(frame));
    }

    /**
     * Grey noise of {@code amplitude} either side of mid grey: gentler than full colour noise, so that an encoder
     * can carry a 640x480 layer at its full bitrate and frame rate, and the layers it scales down from it, where the
     * noise averages out, are cheap, as a camera's would be. Full colour noise costs so much per frame that the
     * encoder drops most frames of a 640x480 layer.
     */
    static Path write(Path file, int width, int height, int fps, int frames, int amplitude) throws IOException {
        int luma = width * height;
        return write(file, width, height, fps, frames, (random, frame) -> {
            Arrays.fill(frame, luma, frame.length, (byte) 128);
            for (int p = 0; p < luma; p++) {
                frame[p] = (byte) (128 - amplitude + random.nextInt(2 * amplitude + 1));
            }
        });
    }

    /** Writes {@code frames} 4:2:0 frames, each filled anew by {@code fill} from one seeded random source. */
    private static Path write(Path file, int width, int height, int fps, int frames, BiConsumer<Random, byte[]> fill)
            throws IOException {
        Random random = new Random(1);
        byte[] frame = new byte[width * height * 3 / 2];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(("YUV4MPEG2 W" + width + " H" + height + " F" + fps + ":1 Ip A1:1 C420jpeg\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < frames; i++) {
                fill.accept(random, frame);
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(frame);
            }
        }
        return file;
    }
}
