/**
 * The embedded platform: Parley carries the media itself. This package is the facade only
 * ({@link io.parley.embedded.EmbeddedVideoPlatform}, the {@link io.parley.video.VideoPlatform} port, and its start-up);
 * the work is in the packages below it, whose arrows run one way and never back up to this one
 * (ArchitectureTest keeps it so):
 *
 * <pre>
 *   embedded (facade) -> signaling, archives, archives.s3, broadcasts, sessions, tokens, media.router, nodes
 *   signaling         -> archives (implements LiveSessions), media.router (RoutedMedia), video, nodes (placement;
 *                        implements NodeLoad)
 *   recording         -> archives (implements ArchiveRecorder, uses LiveSessions), broadcasts (implements
 *                        BroadcastStreamer), media.router (RtpObserver), layout
 *   broadcasts        -> archives (LiveSessions), sessions, layout
 *   archives          -> archives.playback (signed URLs), sessions, layout
 *   layout            -> nothing of the embedded platform (custom layouts' stylesheets)
 *   archives.playback -> nothing of the embedded platform (the facade implements ArchiveMediaSource)
 *   archives.s3       -> archives (implements ArchiveStorage)
 *   media.**          -> only the protocol packages beside it
 * </pre>
 */
package io.parley.embedded;
