package io.parley.embedded.recording;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Makes the INDIVIDUAL output of an archive: a zip of the per-stream WebM files plus {@code manifest.json}, laid out
 * like Vonage's individual stream archives so that tools written for those read ours:
 *
 * <pre>
 * {"id": archiveId, "name": ..., "createdAt": epoch ms, "sessionId": ...,
 *  "files": [{"streamId": ..., "connectionData": ..., "filename": ..., "startTimeOffset": ms, "stopTimeOffset": ms,
 *             "size": bytes}]}
 * </pre>
 *
 * The WebM files are stored, not deflated: they are already compressed, and storing costs no CPU. Like composition,
 * packaging reads every recorded byte, so it belongs on a worker thread.
 */
public final class IndividualArchivePackager {

  static final String MANIFEST = "manifest.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * Writes the zip to {@code output}; the file appears only when complete.
   *
   * @throws IOException a stream's file cannot be read, two streams share a file name, or the zip cannot be written
   */
  public void pack(String archiveId, String name, Instant createdAt, String sessionId,
      List<IndividualStreamFile> streams, Path output) throws IOException {
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("id", archiveId);
    manifest.put("name", name == null ? "" : name);
    manifest.put("createdAt", createdAt.toEpochMilli());
    manifest.put("sessionId", sessionId);
    ArrayNode files = manifest.putArray("files");
    Set<String> names = new HashSet<>();
    for (IndividualStreamFile s : streams) {
      String filename = s.file().getFileName().toString();
      if (!names.add(filename)) {
        throw new IOException("two streams share the file name " + filename);
      }
      files.addObject()
          .put("streamId", s.streamId())
          .put("connectionData", s.connectionData())
          .put("filename", filename)
          .put("startTimeOffset", s.startTimeOffset())
          .put("stopTimeOffset", s.stopTimeOffset())
          .put("size", Files.size(s.file()));
    }
    Path part = output.resolveSibling(output.getFileName() + ".part");
    try (OutputStream out = Files.newOutputStream(part); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (IndividualStreamFile s : streams) {
        zip.putNextEntry(stored(s.file()));
        Files.copy(s.file(), zip);
        zip.closeEntry();
      }
      zip.putNextEntry(new ZipEntry(MANIFEST));
      zip.write(JSON.writeValueAsBytes(manifest));
      zip.closeEntry();
    } catch (IOException e) {
      Files.deleteIfExists(part);
      throw e;
    }
    Files.move(part, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  // A STORED entry must declare its size and CRC before its bytes, so the file is read twice; the second read is
  // served from the page cache.
  private static ZipEntry stored(Path file) throws IOException {
    ZipEntry entry = new ZipEntry(file.getFileName().toString());
    entry.setMethod(ZipEntry.STORED);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    byte[] buffer = new byte[64 * 1024];
    long size = 0;
    try (var in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; size += n) {
        crc.update(buffer, 0, n);
      }
    }
    entry.setSize(size);
    entry.setCompressedSize(size);
    entry.setCrc(crc.getValue());
    return entry;
  }
}
