/**
 * Custom archive layouts on the embedded platform: the subset of CSS its composer follows. Depends on nothing of
 * the embedded platform, so that archives (validating a stylesheet when an archive starts) and recording (placing
 * streams by it) can both use it.
 */
package io.parley.embedded.layout;
