/**
 * Media nodes of the embedded platform: each node's heartbeat in the shared store ({@link io.parley.nodes.NodeStore}),
 * the placement of each session on one node ({@link io.parley.nodes.Placement}), REST requests passed to the node that
 * carries what they are about ({@link io.parley.nodes.NodeForwarding}), and where archives and broadcasts were made
 * ({@link io.parley.nodes.MediaLocations}). It knows the domain events of {@code video} and nothing of the embedded
 * platform's parts: the signaling hub reports its load through {@link io.parley.nodes.NodeLoad}, and the PostgreSQL
 * store implements the port.
 */
package io.parley.nodes;
