/**
 * Archive playback on the embedded platform: short-lived signed media URLs (a {@code <video>} element cannot send a
 * bearer token, so the signature is the permission) and the media route that serves them with HTTP Range support.
 */
package io.parley.embedded.archives.playback;
