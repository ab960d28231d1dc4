/**
 * The embedded platform's signaling: one WebSocket per client at {@code /rtc}, and the live sessions behind it.
 *
 * <ul>
 *   <li>{@link io.parley.embedded.signaling.SignalingEndpoint} reads and checks each message
 *       ({@link io.parley.embedded.signaling.ClientMessages}) and answers it; {@code SessionHub} finds the session.</li>
 *   <li>{@code LiveSession} keeps the lock, the roster, streams and links, and the ordering guarantee: every change
 *       sends its events before the lock is released. It delegates how media travels to a {@code MediaPath}
 *       ({@code RelayedPath}: offers and candidates pass between browsers; {@code RoutedPath}: the media router
 *       answers and offers), what moderators may do to others to {@code Moderation}, and every event's JSON shape to
 *       {@code SessionEvents}.</li>
 *   <li>A refused request is a {@code Refusal} with a wire code; the router's typed
 *       {@link io.parley.embedded.media.router.NegotiationException} becomes one in {@code RoutedPath}, so no
 *       internal wording reaches a client.</li>
 * </ul>
 *
 * <p>{@code LiveSessionTest} drives sessions without Quarkus or sockets, through list-backed outboxes.
 */
package io.parley.embedded.signaling;
