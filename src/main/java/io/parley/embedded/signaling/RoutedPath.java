package io.parley.embedded.signaling;

import io.parley.embedded.media.router.NegotiationException;
import io.parley.embedded.media.router.RoutedMedia;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Routed sessions: like Vonage, each published stream is its own peer connection to the router and each
 * subscription its own peer connection from it. The router is ICE-lite and puts its candidates in its SDP, so the
 * browsers' trickled candidates are not needed.
 *
 * <p>A link negotiates once: a second offer (or answer) would mean a second transport and a second DTLS handshake for
 * one link, which is how one publisher once filled the router's handshake threads.
 */
final class RoutedPath implements MediaPath {

    private final RoutedMedia router;
    private final MediaPath.Session session;
    /** Links the router has taken an offer for, or made one for (then its SDP, which the answer is checked against). */
    private final Map<String, String> negotiated = new HashMap<>();

    RoutedPath(RoutedMedia router, MediaPath.Session session) {
        this.router = router;
        this.session = session;
    }

    @Override
    public void requireAvailable() {
        if (!router.available()) {
            throw new Refusal(Refusal.Code.CONFLICT, "This session is routed, and this server runs no media router; "
                    + "use a relayed session");
        }
    }

    @Override
    public void published(PublishedStream stream, Participant owner) {
        // the publisher's browser offers its stream to the router over a link of its own
        Link link = new Link(UUID.randomUUID().toString(), stream.streamId(), owner.connectionId(),
                RoutedMedia.ROUTER);
        session.add(link);
        owner.send(SessionEvents.linkCreated(link, RoutedMedia.ROUTER, true));
    }

    @Override
    public Link subscribe(PublishedStream stream, Participant subscriber) {
        Link link = new Link(UUID.randomUUID().toString(), stream.streamId(), RoutedMedia.ROUTER,
                subscriber.connectionId());
        String offer;
        try {
            offer = router.subscribe(session.sessionId(), stream.streamId(), link.linkId(), subscriber.connectionId(),
                    () -> session.lost(link.linkId()));
        } catch (NegotiationException e) {
            throw refusal(e);
        }
        session.add(link);
        negotiated.put(link.linkId(), offer);
        subscriber.send(SessionEvents.linkCreated(link, RoutedMedia.ROUTER, false));
        subscriber.send(SessionEvents.sdp("offer", link, RoutedMedia.ROUTER, offer));
        return link;
    }

    @Override
    public void negotiate(Participant sender, Link link, ClientMessage.Negotiation message) {
        try {
            if ("offer".equals(message.type())) {
                if (negotiated.containsKey(link.linkId())) {
                    throw new Refusal(Refusal.Code.CONFLICT, "This link has already been negotiated; unpublish and "
                            + "publish again for a new one");
                }
                String answer = router.publish(session.sessionId(), link.streamId(), link.linkId(),
                        message.payload().asText(), () -> session.lost(link.linkId()));
                negotiated.put(link.linkId(), "");
                sender.send(SessionEvents.sdp("answer", link, RoutedMedia.ROUTER, answer));
            } else if ("answer".equals(message.type())) {
                String offer = negotiated.get(link.linkId());
                if (offer == null || offer.isEmpty()) {
                    throw new Refusal(Refusal.Code.CONFLICT, "This link is not waiting for an answer");
                }
                router.answer(link.linkId(), offer, message.payload().asText());
                // answered: a second answer is refused like a second offer
                negotiated.put(link.linkId(), "");
            }
        } catch (NegotiationException e) {
            throw refusal(e);
        }
    }

    @Override
    public void view(Link link, int height) {
        router.view(link.linkId(), height);
    }

    @Override
    public void closed(Link link) {
        negotiated.remove(link.linkId());
        router.close(link.linkId());
    }

    /** The router's refusal as the client sees it: bad SDP is a bad message, the wrong moment a conflict. */
    private static Refusal refusal(NegotiationException e) {
        return e.code() == NegotiationException.Code.UNUSABLE_SDP ? Refusal.badMessage(e.getMessage())
                : new Refusal(Refusal.Code.CONFLICT, e.getMessage());
    }
}
