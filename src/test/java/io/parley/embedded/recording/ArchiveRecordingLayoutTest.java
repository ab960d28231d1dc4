package io.parley.embedded.recording;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.testing.TestConfigs;
import io.parley.video.ArchiveLayout;
import io.parley.video.LayoutType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A recording keeps every layout change with its time on disk as it happens, for the composer and for recovery. */
class ArchiveRecordingLayoutTest {

    @TempDir
    Path folder;

    private final ObjectMapper mapper = TestConfigs.mapper();

    @Test
    void layoutChangesAreWrittenInOrderWithTheirOffsets() throws Exception {
        ArchiveRecording recording = new ArchiveRecording("a0000000-0000-4000-8000-00000000000b", folder,
                TestConfigs.store(folder), ArchiveLayout.of(LayoutType.VERTICAL_PRESENTATION), id -> null, id -> null,
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
}
