package io.parley.embedded.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndividualArchivePackagerTest {

  @TempDir
  Path dir;

  @Test
  void theZipHoldsEveryStreamFileAndAManifestOfOffsets() throws IOException {
    Path a = Files.write(dir.resolve("stream-a.webm"), new byte[] {1, 2, 3});
    Path b = Files.write(dir.resolve("stream-b.webm"), new byte[] {4, 5, 6, 7, 8});
    Path zip = dir.resolve("archive.zip");
    Instant created = Instant.ofEpochMilli(1_700_000_000_123L);

    new IndividualArchivePackager().pack("arch-1", "standup", created, "sess-1", List.of(
        new IndividualStreamFile("stream-a", "{\"name\":\"Ada\"}", a, 0, 4000),
        new IndividualStreamFile("stream-b", null, b, 1500, 3000)), zip);

    Map<String, byte[]> entries = new HashMap<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (var e : java.util.Collections.list(z.entries())) {
        entries.put(e.getName(), z.getInputStream(e).readAllBytes());
      }
    }
    assertThat(entries).containsOnlyKeys("stream-a.webm", "stream-b.webm", "manifest.json");
    assertThat(entries.get("stream-b.webm")).containsExactly(4, 5, 6, 7, 8);

    JsonNode manifest = new ObjectMapper().readTree(entries.get("manifest.json"));
    assertThat(manifest.path("id").asText()).isEqualTo("arch-1");
    assertThat(manifest.path("name").asText()).isEqualTo("standup");
    assertThat(manifest.path("sessionId").asText()).isEqualTo("sess-1");
    assertThat(manifest.path("createdAt").asLong()).isEqualTo(1_700_000_000_123L);
    JsonNode second = manifest.path("files").get(1);
    assertThat(second.path("streamId").asText()).isEqualTo("stream-b");
    assertThat(second.path("connectionData").asText()).isEmpty();
    assertThat(second.path("filename").asText()).isEqualTo("stream-b.webm");
    assertThat(second.path("startTimeOffset").asLong()).isEqualTo(1500);
    assertThat(second.path("stopTimeOffset").asLong()).isEqualTo(3000);
    assertThat(second.path("size").asLong()).isEqualTo(5);
    assertThat(manifest.path("files").get(0).path("connectionData").asText()).isEqualTo("{\"name\":\"Ada\"}");
    assertThat(dir.resolve("archive.zip.part")).doesNotExist();
  }

  @Test
  void aMissingStreamFileFailsWithoutLeavingAZip() {
    Path zip = dir.resolve("archive.zip");
    assertThatThrownBy(() -> new IndividualArchivePackager().pack("arch-1", null, Instant.now(), "sess-1",
        List.of(new IndividualStreamFile("gone", "", dir.resolve("gone.webm"), 0, 10)), zip))
        .isInstanceOf(IOException.class);
    assertThat(zip).doesNotExist();
  }
}
