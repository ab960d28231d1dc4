package io.parley.callbacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.video.Archive;
import io.parley.video.ArchiveChanged;
import io.parley.video.ArchiveLayout;
import io.parley.video.ArchiveOptions;
import io.parley.video.ArchiveStatus;
import io.parley.video.LayoutType;
import io.parley.video.OutputMode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ArchiveCallbackPayloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode payload(ArchiveOptions options) {
        Archive archive = new Archive("a1", "s1", "standup", ArchiveStatus.AVAILABLE, OutputMode.COMPOSED, true, true,
                "1280x720", Instant.parse("2026-01-01T10:00:00Z"), 60, 2048, null, "/media/secret", options);
        return JSON.valueToTree(ArchiveCallbackPayload.of(new ArchiveChanged(archive,
                Instant.parse("2026-01-01T10:01:00Z")), UUID.fromString("00000000-0000-4000-8000-000000000001"),
                "parley"));
    }

    @Test
    void carriesTheArchivesOptionsInVonagesNames() {
        JsonNode body = payload(new ArchiveOptions(
                new ArchiveLayout(LayoutType.BEST_FIT, null, LayoutType.VERTICAL_PRESENTATION), null, "hd", 500_000));
        assertThat(body.get("streamMode").asText()).isEqualTo("auto");
        assertThat(body.get("multiArchiveTag").asText()).isEqualTo("hd");
        assertThat(body.get("maxBitrate").asInt()).isEqualTo(500_000);
        assertThat(body.at("/layout/type").asText()).isEqualTo("bestFit");
        assertThat(body.at("/layout/screenshareType").asText()).isEqualTo("verticalPresentation");
        assertThat(body.get("url").isNull()).isTrue();
    }

    @Test
    void optionsNeverSetAreNullNotInvented() {
        JsonNode body = payload(ArchiveOptions.DEFAULT);
        assertThat(body.get("streamMode").asText()).isEqualTo("auto");
        assertThat(body.get("multiArchiveTag").isNull()).isTrue();
        assertThat(body.get("maxBitrate").isNull()).isTrue();
        assertThat(body.get("layout").isNull()).isTrue();
    }
}
