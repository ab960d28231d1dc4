package io.parley.embedded.recording;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.testing.TestConfigs;
import io.parley.video.ArchiveLayout;
import io.parley.video.LayoutType;
import io.parley.video.StreamMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one running archive writes: every layout change with its time, as it happens; in manual stream mode only the
 * streams added to it, each stretch of a stream in its own file.
 */
class ArchiveRecordingTest {

    @TempDir
    Path folder;

    private final ObjectMapper mapper = TestConfigs.mapper();

    @Test
    void layoutChangesAreWrittenInOrderWithTheirOffsets() throws Exception {
        ArchiveRecording recording = new ArchiveRecording("a0000000-0000-4000-8000-00000000000b", folder,
                TestConfigs.store(folder), ArchiveLayout.of(LayoutType.VERTICAL_PRESENTATION), StreamMode.AUTO, id -> null,
                id -> null,
                id -> { }, reason -> { });
        Thread.sleep(50);
        recording.layoutChanged(ArchiveLayout.of(LayoutType.PIP));
        recording.layoutClassesChanged(Map.of("s1", List.of("focus")));
        recording.finish().get(10, TimeUnit.SECONDS);

        List<LayoutChange> written = mapper.readValue(folder.resolve(ArchiveRecording.LAYOUT_CHANGES).toFile(),
                new TypeReference<>() {
                });
        assertThat(written).hasSize(3);
        assertThat(written.get(0)).isEqualTo(LayoutChange.ofLayout(0,
                ArchiveLayout.of(LayoutType.VERTICAL_PRESENTATION)));
        assertThat(written.get(1).layout()).isEqualTo(ArchiveLayout.of(LayoutType.PIP));
        assertThat(written.get(1).atOffset()).isGreaterThanOrEqualTo(50);
        assertThat(written.get(2).layout()).isNull();
        assertThat(written.get(2).layoutClasses()).containsEntry("s1", List.of("focus"));
        assertThat(written.get(2).atOffset()).isGreaterThanOrEqualTo(written.get(1).atOffset());
    }

    private final java.util.Random random = new java.util.Random(7);
    private int sequence;

    /** A second of Opus packets (20 ms each) for {@code streamId}, arriving now. */
    private void audio(ArchiveRecording recording, String streamId) {
        long now = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            byte[] packet = Packets.opus(sequence++, 960L * sequence, random);
            recording.onRtp(streamId, false, packet, packet.length, now + i * 20_000_000L);
        }
    }

    @Test
    void aManualArchiveRecordsOnlyTheStreamsAddedToItEachStretchInAFileOfItsOwn() throws Exception {
        ArchiveRecording recording = new ArchiveRecording("a0000000-0000-4000-8000-00000000000c", folder,
                TestConfigs.store(folder), ArchiveLayout.BEST_FIT, StreamMode.MANUAL, id -> null, id -> null,
                id -> { }, reason -> { });
        recording.streamStarted("ada", true, false);
        recording.streamStarted("grace", true, false);
        audio(recording, "ada");
        audio(recording, "grace");
        recording.addStream("ada", true, true);
        audio(recording, "ada");
        audio(recording, "grace");
        recording.removeStream("ada");
        audio(recording, "ada");
        recording.addStream("ada", true, false);
        audio(recording, "ada");

        List<RecordedStream> recorded = recording.finish().get(10, TimeUnit.SECONDS);

        assertThat(recorded).extracting(RecordedStream::streamId).containsExactly("ada", "ada");
        assertThat(recorded).extracting(RecordedStream::file).containsExactly("ada.webm", "ada-2.webm");
        assertThat(recorded).allSatisfy(s -> assertThat(s.stopOffset()).isGreaterThanOrEqualTo(s.startOffset()));
        for (RecordedStream stream : recorded) {
            assertThat(WebmInspector.inspect(folder.resolve(stream.file())).blockCount(WebmWriter.AUDIO_TRACK))
                    .as(stream.file()).isBetween(40L, 50L);
        }
        assertThat(folder.resolve("grace.webm")).doesNotExist();
    }

    @Test
    void addingAStreamAgainWithOtherAudioOrVideoStartsAStretchWithThem() throws Exception {
        ArchiveRecording recording = new ArchiveRecording("a0000000-0000-4000-8000-00000000000e", folder,
                TestConfigs.store(folder), ArchiveLayout.BEST_FIT, StreamMode.MANUAL, id -> null, id -> null,
                id -> { }, reason -> { });
        recording.streamStarted("ada", true, true);
        recording.addStream("ada", true, true);
        audio(recording, "ada");
        recording.addStream("ada", true, true);   // the same again: nothing changes
        audio(recording, "ada");
        recording.addStream("ada", true, false);  // video off from now
        audio(recording, "ada");

        List<RecordedStream> recorded = recording.finish().get(10, TimeUnit.SECONDS);

        assertThat(recorded).extracting(RecordedStream::file).containsExactly("ada.webm", "ada-2.webm");
        assertThat(recorded).extracting(RecordedStream::hasVideo).containsExactly(true, false);
        assertThat(recorded).extracting(RecordedStream::hasAudio).containsExactly(true, true);
        assertThat(recorded.get(1).startOffset()).isGreaterThanOrEqualTo(recorded.get(0).stopOffset());
        assertThat(WebmInspector.inspect(folder.resolve("ada.webm")).blockCount(WebmWriter.AUDIO_TRACK))
                .isBetween(80L, 100L);
    }

    @Test
    void aStreamThatEndsAndStartsAgainKeepsItsFirstFile() throws Exception {
        ArchiveRecording recording = new ArchiveRecording("a0000000-0000-4000-8000-00000000000d", folder,
                TestConfigs.store(folder), ArchiveLayout.BEST_FIT, StreamMode.AUTO, id -> null, id -> null,
                id -> { }, reason -> { });
        recording.streamStarted("ada", true, false);
        audio(recording, "ada");
        recording.streamEnded("ada");
        recording.streamStarted("ada", true, false);
        audio(recording, "ada");

        List<RecordedStream> recorded = recording.finish().get(10, TimeUnit.SECONDS);

        assertThat(recorded).extracting(RecordedStream::file).containsExactly("ada.webm", "ada-2.webm");
        assertThat(WebmInspector.inspect(folder.resolve("ada.webm")).blockCount(WebmWriter.AUDIO_TRACK))
                .isBetween(40L, 50L);
    }
}
