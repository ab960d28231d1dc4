package io.parley.browser;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A WAV file of a steady tone, for Chromium's fake microphone ({@code --use-file-for-fake-audio-capture}, which
 * loops it): unlike the built-in fake device's short beeps, it is a voice that never pauses.
 */
final class ToneAudio {

    private static final int RATE = 48_000;

    private ToneAudio() {
    }

    /** {@code seconds} of a {@code hertz} sine at {@code amplitude} (0..1 of full scale), 16-bit mono. */
    static Path write(Path file, int seconds, int hertz, double amplitude) throws IOException {
        int samples = RATE * seconds;
        ByteBuffer wav = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + 2 * samples).put("WAVE".getBytes());
        wav.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE)
                .putInt(RATE * 2).putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes()).putInt(2 * samples);
        for (int i = 0; i < samples; i++) {
            wav.putShort((short) Math.round(amplitude * Short.MAX_VALUE * Math.sin(2 * Math.PI * hertz * i / RATE)));
        }
        return Files.write(file, wav.array());
    }
}
