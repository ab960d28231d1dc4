package io.parley.embedded.archives.playback;

import java.nio.file.Path;
import java.util.Optional;

/** What the media route needs from the embedded platform: whether a signed link is good, and the archive's file. */
public interface ArchiveMediaSource {

    /** True when the signature is this server's and the link has not expired. */
    boolean verify(String archiveId, String expires, String signature);

    /** The playable file of an AVAILABLE archive. */
    Optional<Path> media(String archiveId);
}
