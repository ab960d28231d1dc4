package io.parley.embedded.archives.playback;

import java.nio.file.Path;
import java.util.Optional;

/** What the media route needs from the embedded platform for live broadcasts: the signed links and the HLS files. */
public interface BroadcastMediaSource {

    /** True when the signature is this server's and the link has not expired. */
    boolean verifyBroadcast(String broadcastId, String expires, String signature);

    /** The folder of a broadcast's playlist and segments, while they are served. */
    Optional<Path> hlsFolder(String broadcastId);
}
