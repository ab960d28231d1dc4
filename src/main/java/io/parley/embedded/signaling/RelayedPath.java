package io.parley.embedded.signaling;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.UUID;

/** Relayed sessions: a subscription is a peer connection between two browsers; the server relays SDP and ICE. */
final class RelayedPath implements MediaPath {

    private final CandidateFilter candidates;
    private final MediaPath.Session session;

    RelayedPath(CandidateFilter candidates, MediaPath.Session session) {
        this.candidates = candidates;
        this.session = session;
    }

    @Override
    public void requireAvailable() {
        // browsers carry the media: nothing on this server can be missing
    }

    @Override
    public void published(PublishedStream stream, Participant owner) {
        // links are made per subscription, with the subscriber
    }

    @Override
    public Link subscribe(PublishedStream stream, Participant subscriber) {
        Link link = new Link(UUID.randomUUID().toString(), stream.streamId(), stream.connectionId(),
                subscriber.connectionId());
        session.add(link);
        // the publisher's browser offers
        session.participant(link.publisherId()).send(SessionEvents.linkCreated(link, link.subscriberId(), true));
        subscriber.send(SessionEvents.linkCreated(link, link.publisherId(), false));
        return link;
    }

    @Override
    public void negotiate(Participant sender, Link link, ClientMessage.Negotiation message) {
        Participant other = session.participant(link.otherEnd(sender.connectionId()));
        JsonNode payload = message.payload();
        if ("candidate".equals(message.type())) {
            if (payload.isObject() && !candidates.allows(payload.path("candidate").asText())) {
                return;
            }
            if (other != null) {
                other.send(SessionEvents.candidate(link, sender.connectionId(), payload));
            }
            return;
        }
        if (other != null) {
            other.send(SessionEvents.sdp(message.type(), link, sender.connectionId(),
                    candidates.filterSdp(payload.asText())));
        }
    }

    @Override
    public void view(Link link, int height) {
        // a browser publishing to a browser sends one encoding; there is nothing to choose
    }

    @Override
    public void closed(Link link) {
        // the browsers close their peer connection on linkClosed
    }
}
