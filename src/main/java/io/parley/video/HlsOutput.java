package io.parley.video;

/**
 * A broadcast's HLS output, with Vonage's two options: {@code dvr} keeps the whole broadcast seekable (rewind) and
 * {@code lowLatency} shortens the delay to a few seconds; Vonage refuses both at once.
 */
public record HlsOutput(boolean dvr, boolean lowLatency) {

    public HlsOutput {
        if (dvr && lowLatency) {
            throw new InvalidRequestException("outputs.hls", "dvr and lowLatency cannot both be true");
        }
    }
}
