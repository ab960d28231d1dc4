/**
 * The embedded platform's archives: the lifecycle ({@link io.parley.embedded.archives.ArchiveLifecycle}: start,
 * stop, the automatic stops, ALWAYS sessions, recovery after a crash), the catalog on disk (the files are the truth),
 * and the two ports it works through: {@link io.parley.embedded.archives.ArchiveRecorder} (the recorder implements it)
 * and {@link io.parley.embedded.archives.LiveSessions} (signaling implements it). Playback of the media is in
 * {@code playback/}.
 */
package io.parley.embedded.archives;
