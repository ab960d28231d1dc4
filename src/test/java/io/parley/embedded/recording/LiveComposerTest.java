package io.parley.embedded.recording;

import io.parley.video.ArchiveLayout;
import io.parley.video.HlsOutput;
import io.parley.video.LayoutType;
import io.parley.video.RtmpOutput;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The FFmpeg command of a broadcast period: its inputs, layout, HLS options and RTMP outputs. */
class LiveComposerTest {

    private final LiveComposer composer = new LiveComposer(new FfmpegBinary(Path.of("/opt/ffmpeg"), Optional.empty()));

    private static LiveComposer.Source camera(String id, String url) {
        return new LiveComposer.Source(url, id, true, true, false, List.of());
    }

    private static String after(List<String> command, String option) {
        return command.get(command.indexOf(option) + 1);
    }

    @Test
    void eachStreamIsAnInputPlacedByTheLayoutAndMixed() {
        List<String> command = composer.command(List.of(camera("a", "unix:/s/in0.sock"),
                        new LiveComposer.Source("unix:/s/in1.sock", "b", true, false, false, List.of()),
                        camera("c", "unix:/s/in2.sock")), 640, 480,
                ArchiveLayout.of(LayoutType.VERTICAL_PRESENTATION), new HlsOutput(false, false), List.of(), null);
        assertThat(command).containsSubsequence("-re", "-f", "lavfi", "-i", "color=c=black:s=640x480:r=25");
        assertThat(command).containsSubsequence("-f", "webm", "-i", "unix:/s/in0.sock")
                .containsSubsequence("-f", "webm", "-i", "unix:/s/in2.sock");
        String graph = after(command, "-filter_complex");
        // inputs 0 and 1 are the canvas and the silent bed; a large (512 wide), c in the right column
        assertThat(graph).contains("[2:v:0]scale=512:480").contains("[4:v:0]scale=128:")
                .doesNotContain("[3:v:0]");
        assertThat(graph).contains("[2:a:0]aresample").contains("[3:a:0]aresample").contains("[4:a:0]aresample")
                .contains("amix=inputs=4:duration=first:normalize=0");
        assertThat(command).containsSubsequence("-c:v", "libopenh264").containsSubsequence("-g", "50")
                .containsSubsequence("-f", "tee");
    }

    @Test
    void noStreamsIsABlackCanvasAndSilence() {
        List<String> command = composer.command(List.of(), 1280, 720, ArchiveLayout.BEST_FIT,
                new HlsOutput(false, false), List.of(), null);
        assertThat(after(command, "-filter_complex")).isEqualTo("[0:v]format=yuv420p[vout];"
                + "[1:a]aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo[bed];[bed]anull[aout]");
    }

    @Test
    void hlsOptionsDecideSegmentsAndWhatThePlaylistKeeps() {
        String live = last(composer.command(List.of(), 640, 480, ArchiveLayout.BEST_FIT, new HlsOutput(false, false),
                List.of(), null));
        assertThat(live).startsWith("[f=hls:hls_time=2:hls_list_size=6:")
                .contains("append_list").contains("discont_start").contains("delete_segments")
                .endsWith("]index.m3u8");
        String dvr = last(composer.command(List.of(), 640, 480, ArchiveLayout.BEST_FIT, new HlsOutput(true, false),
                List.of(), null));
        assertThat(dvr).contains("hls_list_size=0").doesNotContain("delete_segments");
        List<String> lowLatency = composer.command(List.of(), 640, 480, ArchiveLayout.BEST_FIT,
                new HlsOutput(false, true), List.of(), 400_000);
        assertThat(last(lowLatency)).contains("hls_time=1");
        assertThat(lowLatency).containsSubsequence("-g", "25").containsSubsequence("-b:v", "400000")
                .containsSubsequence("-maxrate", "400000");
    }

    @Test
    void rtmpDestinationsAreTeeOutputsThatMayFailAlone() {
        List<String> command = composer.command(List.of(), 640, 480, ArchiveLayout.BEST_FIT, null,
                List.of(new RtmpOutput("a", "rtmp://ingest.example/live/", "k|1", null),
                        new RtmpOutput("b", "rtmps://other.example:443/app", "key", null)), null);
        assertThat(last(command)).isEqualTo("[f=flv:onfail=ignore]rtmp://ingest.example/live/k\\|1"
                + "|[f=flv:onfail=ignore]rtmps://other.example:443/app/key");
        assertThatThrownBy(() -> composer.command(List.of(), 640, 480, ArchiveLayout.BEST_FIT, null, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String last(List<String> command) {
        return command.get(command.size() - 1);
    }
}
