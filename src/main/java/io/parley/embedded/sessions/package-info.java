/** The embedded platform's session registry: one JSON record per session under the data directory. */
package io.parley.embedded.sessions;
