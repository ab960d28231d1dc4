package io.parley.browser;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A flash and a beep at the same instant, every two seconds, for Chromium's fake camera and microphone (which loop
 * their files): the first three frames of each cycle are white, the rest black, and the first 100 ms of the sound a
 * 1 kHz tone, the rest silence. What a lip sync test watches for at both ends.
 */
final class FlashBeep {

    static final int FPS = 30;
    static final int CYCLE_SECONDS = 2;
    private static final int RATE = 48_000;

    private FlashBeep() {
    }

    static Path video(Path file, int width, int height) throws IOException {
        byte[] luma = new byte[width * height];
        byte[] chroma = new byte[width * height / 2];
        Arrays.fill(chroma, (byte) 128);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(("YUV4MPEG2 W" + width + " H" + height + " F" + FPS + ":1 Ip A1:1 C420jpeg\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < FPS * CYCLE_SECONDS; i++) {
                Arrays.fill(luma, (byte) (i < 3 ? 235 : 16));
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(luma);
                out.write(chroma);
            }
        }
        return file;
    }

    static Path audio(Path file) throws IOException {
        int samples = RATE * CYCLE_SECONDS;
        int beep = RATE / 10;
        ByteBuffer wav = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII));
        wav.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(RATE).putInt(RATE * 2).putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * samples);
        for (int i = 0; i < samples; i++) {
            double value = i < beep ? 0.5 * Math.sin(2 * Math.PI * 1000 * i / RATE) : 0;
            wav.putShort((short) Math.round(value * Short.MAX_VALUE));
        }
        return Files.write(file, wav.array());
    }
}
