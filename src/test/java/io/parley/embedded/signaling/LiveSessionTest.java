package io.parley.embedded.signaling;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.parley.embedded.media.router.NegotiationException;
import io.parley.embedded.media.router.RoutedMedia;
import io.parley.video.MediaMode;
import io.parley.video.Role;
import io.parley.video.SessionMute;
import io.parley.video.TokenClaims;
import io.parley.video.VideoType;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A live session driven directly, without Quarkus or sockets: each participant's events land in a list, and the
 * router is a recording stand-in at the session's boundary.
 */
class LiveSessionTest {

    /** A participant's outbox: what the session sent it, in order. */
    private static final class ListOutbox implements Outbox {
        final List<ObjectNode> events = new ArrayList<>();
        Integer closedWith;

        @Override
        public void send(ObjectNode event) {
            events.add(event);
        }

        @Override
        public void close(int code, String reason) {
            closedWith = code;
        }

        List<String> types() {
            return events.stream().map(e -> e.path("type").asText()).toList();
        }

        ObjectNode last(String type) {
            for (int i = events.size() - 1; i >= 0; i--) {
                if (events.get(i).path("type").asText().equals(type)) {
                    return events.get(i);
                }
            }
            throw new AssertionError("no " + type + " in " + types());
        }
    }

    /** The router as the session sees it: it answers every offer and counts what it was asked. */
    private static final class CountingRouter implements RoutedMedia {
        int published;
        int answered;
        final List<String> closed = new ArrayList<>();
        final List<String> views = new ArrayList<>();

        @Override
        public void view(String linkId, int height) {
            views.add(linkId + "=" + height);
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public String publish(String sessionId, String streamId, String linkId, String offerSdp, Runnable onGone) {
            if (offerSdp.contains("garbage")) {
                throw new NegotiationException(NegotiationException.Code.UNUSABLE_SDP, "The router cannot use it");
            }
            published++;
            return "answer-sdp";
        }

        @Override
        public String subscribe(String sessionId, String streamId, String linkId, String subscriberId,
                                Runnable onGone) {
            return "router-offer-for-" + linkId;
        }

        @Override
        public void answer(String linkId, String offerSdp, String answerSdp) {
            assertThat(offerSdp).isEqualTo("router-offer-for-" + linkId);
            answered++;
        }

        @Override
        public void close(String linkId) {
            closed.add(linkId);
        }
    }

    private final CountingRouter router = new CountingRouter();

    private LiveSession session(MediaMode mode, int perSession, int perToken) {
        return new LiveSession("session-1", mode, JsonNodeFactory.instance.arrayNode(), new CandidateFilter(false),
                router, new LiveSession.ConnectionLimits(perSession, perToken), Clock.systemUTC());
    }

    private static Participant participant(Role role, String tokenId, ListOutbox outbox) {
        return new Participant(UUID.randomUUID().toString(),
                new TokenClaims("session-1", role, "{\"displayName\":\"x\"}", Instant.now().plusSeconds(600), tokenId),
                Instant.now(), outbox);
    }

    /** Joins, publishes a camera and returns the id of the link the session asked the publisher to offer on. */
    private static String publishedLink(LiveSession session, Participant publisher, ListOutbox outbox) {
        session.join(publisher);
        session.publish(publisher, new ClientMessage.Publish(null, "cam", true, true, VideoType.CAMERA));
        return outbox.last("linkCreated").path("linkId").asText();
    }

    private static ClientMessage.Negotiation offer(String linkId, String sdp) {
        return new ClientMessage.Negotiation(null, "offer", linkId, TextNode.valueOf(sdp));
    }

    @Test
    void aJoinPastTheSessionLimitIsRefusedBeforeAnyoneIsTold() {
        LiveSession session = session(MediaMode.RELAYED, 2, 10);
        ListOutbox first = new ListOutbox();
        assertThat(session.join(participant(Role.PUBLISHER, "t1", first))).isEqualTo(LiveSession.Joined.JOINED);
        assertThat(session.join(participant(Role.PUBLISHER, "t2", new ListOutbox())))
                .isEqualTo(LiveSession.Joined.JOINED);
        ListOutbox third = new ListOutbox();

        assertThat(session.join(participant(Role.PUBLISHER, "t3", third))).isEqualTo(LiveSession.Joined.SESSION_FULL);
        assertThat(third.events).as("the refused participant got nothing").isEmpty();
        assertThat(first.types()).containsExactly("connected", "connectionCreated");
    }

    @Test
    void oneTokenJoinsAtMostItsLimitAndALeaveFreesASlot() {
        LiveSession session = session(MediaMode.RELAYED, 10, 2);
        Participant a = participant(Role.PUBLISHER, "shared", new ListOutbox());
        session.join(a);
        session.join(participant(Role.PUBLISHER, "shared", new ListOutbox()));
        assertThat(session.join(participant(Role.PUBLISHER, "shared", new ListOutbox())))
                .isEqualTo(LiveSession.Joined.TOKEN_FULL);
        assertThat(session.join(participant(Role.PUBLISHER, "other", new ListOutbox())))
                .isEqualTo(LiveSession.Joined.JOINED);

        session.leave(a, LiveSession.Leaving.clientDisconnected);
        assertThat(session.join(participant(Role.PUBLISHER, "shared", new ListOutbox())))
                .isEqualTo(LiveSession.Joined.JOINED);
    }

    @Test
    void aRoutedLinkNegotiatesOnceAndAReofferIsRefused() {
        LiveSession session = session(MediaMode.ROUTED, 10, 10);
        ListOutbox outbox = new ListOutbox();
        Participant publisher = participant(Role.PUBLISHER, "t", outbox);
        String linkId = publishedLink(session, publisher, outbox);

        session.negotiate(publisher, offer(linkId, "offer-sdp"));
        assertThat(outbox.last("answer").path("sdp").asText()).isEqualTo("answer-sdp");
        for (int i = 0; i < 70; i++) {
            assertThatThrownBy(() -> session.negotiate(publisher, offer(linkId, "offer-sdp")))
                    .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo(Refusal.Code.CONFLICT))
                    .hasMessageContaining("already been negotiated");
        }
        assertThat(router.published).as("one transport for the link").isEqualTo(1);

        session.leave(publisher, LiveSession.Leaving.clientDisconnected);
        assertThat(router.closed).containsExactly(linkId);
    }

    @Test
    void anUnusableOfferIsABadMessageAndTheLinkCanStillNegotiate() {
        LiveSession session = session(MediaMode.ROUTED, 10, 10);
        ListOutbox outbox = new ListOutbox();
        Participant publisher = participant(Role.PUBLISHER, "t", outbox);
        String linkId = publishedLink(session, publisher, outbox);

        assertThatThrownBy(() -> session.negotiate(publisher, offer(linkId, "garbage")))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo(Refusal.Code.BAD_MESSAGE));
        session.negotiate(publisher, offer(linkId, "offer-sdp"));
        assertThat(router.published).isEqualTo(1);
    }

    /** Tile sizes go to the router for the subscriber's own links only; wanted layers reach the publisher only. */
    @Test
    void aSubscribersTileSizeReachesTheRouterAndWantedLayersItsPublisher() {
        LiveSession session = session(MediaMode.ROUTED, 10, 10);
        ListOutbox publisherBox = new ListOutbox();
        Participant publisher = participant(Role.PUBLISHER, "p", publisherBox);
        ListOutbox subscriberBox = new ListOutbox();
        Participant subscriber = participant(Role.SUBSCRIBER, "s", subscriberBox);
        session.join(publisher);
        session.join(subscriber);
        String streamId = session.publish(publisher, new ClientMessage.Publish(null, "cam", true, true,
                VideoType.CAMERA)).streamId();
        String linkId = session.subscribe(subscriber, streamId);

        session.view(subscriber, linkId, 180);
        session.view(subscriber, linkId, 0);
        assertThat(router.views).containsExactly(linkId + "=180", linkId + "=0");
        assertThatThrownBy(() -> session.view(publisher, linkId, 720)).as("not the publisher's to size")
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo(Refusal.Code.NOT_FOUND));
        assertThatThrownBy(() -> session.view(subscriber, "no-such-link", 720)).isInstanceOf(Refusal.class);

        session.layersWanted(streamId, List.of("q", "h"));
        assertThat(publisherBox.last("layers").path("rids").toString()).isEqualTo("[\"q\",\"h\"]");
        assertThat(subscriberBox.types()).doesNotContain("layers");
    }

    @Test
    void aSubscriberAnswersTheRoutersOfferOnce() {
        LiveSession session = session(MediaMode.ROUTED, 10, 10);
        ListOutbox publisherBox = new ListOutbox();
        Participant publisher = participant(Role.PUBLISHER, "p", publisherBox);
        ListOutbox subscriberBox = new ListOutbox();
        Participant subscriber = participant(Role.SUBSCRIBER, "s", subscriberBox);
        session.join(publisher);
        session.join(subscriber);
        String streamId = session.publish(publisher, new ClientMessage.Publish(null, "cam", true, true,
                VideoType.CAMERA)).streamId();

        String linkId = session.subscribe(subscriber, streamId);
        assertThat(subscriberBox.last("offer").path("sdp").asText()).isEqualTo("router-offer-for-" + linkId);
        ClientMessage.Negotiation answer = new ClientMessage.Negotiation(null, "answer", linkId,
                TextNode.valueOf("answer"));
        session.negotiate(subscriber, answer);
        assertThatThrownBy(() -> session.negotiate(subscriber, answer)).isInstanceOf(Refusal.class);
        assertThat(router.answered).isEqualTo(1);

        assertThatThrownBy(() -> session.publish(subscriber, new ClientMessage.Publish(null, "no", true, true,
                VideoType.CAMERA))).isInstanceOfSatisfying(Refusal.class,
                r -> assertThat(r.code()).isEqualTo(Refusal.Code.FORBIDDEN));
    }

    @Test
    void aModeratorsMuteReachesEveryoneAtOnceAndTheOwnerIsAskedToStop() {
        LiveSession session = session(MediaMode.RELAYED, 10, 10);
        ListOutbox ownerBox = new ListOutbox();
        Participant owner = participant(Role.PUBLISHER, "o", ownerBox);
        ListOutbox otherBox = new ListOutbox();
        Participant other = participant(Role.SUBSCRIBER, "s", otherBox);
        session.join(owner);
        session.join(other);
        String streamId = session.publish(owner, new ClientMessage.Publish(null, "cam", true, true, VideoType.CAMERA))
                .streamId();

        assertThatThrownBy(() -> Moderation.requireModerator(owner, "mute another's stream"))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.code()).isEqualTo(Refusal.Code.FORBIDDEN));
        assertThat(session.forceMute(streamId)).isTrue();
        assertThat(ownerBox.last("forceMuted").path("streamId").asText()).isEqualTo(streamId);
        ObjectNode changed = otherBox.last("streamPropertyChanged");
        assertThat(changed.path("by").asText()).isEqualTo("moderator");
        assertThat(changed.path("property").asText()).isEqualTo("audioMuted");
        assertThat(changed.path("value").asBoolean()).isTrue();

        int before = otherBox.events.size();
        assertThat(session.forceMute(streamId)).isTrue();
        assertThat(otherBox.events).as("muting a muted stream changes nothing for others").hasSize(before);
        assertThat(session.forceMute("no-such-stream")).isFalse();
    }

    @Test
    void aForcedDisconnectEndsTheStreamsFirstThenTheConnectionAndClosesTheSocket() {
        LiveSession session = session(MediaMode.RELAYED, 10, 10);
        ListOutbox targetBox = new ListOutbox();
        Participant target = participant(Role.PUBLISHER, "t", targetBox);
        ListOutbox otherBox = new ListOutbox();
        Participant other = participant(Role.MODERATOR, "m", otherBox);
        session.join(target);
        session.join(other);
        session.publish(target, new ClientMessage.Publish(null, "cam", true, true, VideoType.CAMERA));
        int seen = otherBox.events.size();

        assertThat(session.forceDisconnect(target.connectionId())).isTrue();
        assertThat(otherBox.types().subList(seen, otherBox.events.size()))
                .containsExactly("streamDestroyed", "connectionDestroyed");
        assertThat(otherBox.last("connectionDestroyed").path("reason").asText()).isEqualTo("forceDisconnected");
        assertThat(targetBox.closedWith).isEqualTo(CloseCodes.FORCE_DISCONNECTED);
        assertThat(session.connections()).singleElement()
                .satisfies(c -> assertThat(c.id()).isEqualTo(other.connectionId()));
        assertThat(session.forceDisconnect(target.connectionId())).isFalse();
    }

    @Test
    void aSessionMuteSilencesEveryStreamButTheExcludedOnesAndThoseThatComeLater() {
        LiveSession session = session(MediaMode.RELAYED, 10, 10);
        ListOutbox aBox = new ListOutbox();
        Participant a = participant(Role.PUBLISHER, "a", aBox);
        ListOutbox bBox = new ListOutbox();
        Participant b = participant(Role.PUBLISHER, "b", bBox);
        ListOutbox watcherBox = new ListOutbox();
        Participant watcher = participant(Role.SUBSCRIBER, "w", watcherBox);
        session.join(a);
        session.join(b);
        session.join(watcher);
        String muted = session.publish(a, camera()).streamId();
        String excluded = session.publish(b, camera()).streamId();
        int bSeen = bBox.events.size();
        int watcherSeen = watcherBox.events.size();

        session.muteSession(new SessionMute(true, Set.of(excluded, "no-such-stream")));

        assertThat(aBox.last("forceMuted").path("streamId").asText()).isEqualTo(muted);
        assertThat(watcherBox.events.subList(watcherSeen, watcherBox.events.size())).singleElement()
                .satisfies(e -> {
                    assertThat(e.path("type").asText()).isEqualTo("streamPropertyChanged");
                    assertThat(e.path("streamId").asText()).isEqualTo(muted);
                    assertThat(e.path("property").asText()).isEqualTo("audioMuted");
                    assertThat(e.path("by").asText()).isEqualTo("moderator");
                });
        assertThat(bBox.types().subList(bSeen, bBox.events.size()))
                .as("the excluded stream's owner is not asked to mute").containsExactly("streamPropertyChanged");

        LiveSession.Published later = session.publish(b, camera());
        assertThat(later.forceMuted()).as("published while the mute lasts").isTrue();
        assertThat(watcherBox.last("streamCreated").path("stream").path("audioMuted").asBoolean()).isTrue();

        session.muteSession(new SessionMute(false, Set.of()));
        assertThat(session.publish(a, camera()).forceMuted()).as("after the mute ended").isFalse();
        assertThat(watcherBox.last("streamCreated").path("stream").path("audioMuted").asBoolean()).isFalse();
    }

    @Test
    void aServerSignalReachesEveryoneOrOneConnectionFromTheServer() {
        LiveSession session = session(MediaMode.RELAYED, 10, 10);
        ListOutbox aBox = new ListOutbox();
        Participant a = participant(Role.PUBLISHER, "a", aBox);
        ListOutbox bBox = new ListOutbox();
        Participant b = participant(Role.SUBSCRIBER, "b", bBox);
        session.join(a);
        session.join(b);

        assertThat(session.serverSignal(null, "notice", "Recording starts soon")).isTrue();
        for (ListOutbox box : List.of(aBox, bBox)) {
            ObjectNode signal = box.last("signal");
            assertThat(signal.path("signalType").asText()).isEqualTo("notice");
            assertThat(signal.path("data").asText()).isEqualTo("Recording starts soon");
            assertThat(signal.path("from").asText()).isEqualTo("server");
        }
        int aSeen = aBox.events.size();
        assertThat(session.serverSignal(b.connectionId(), "chat", "just you")).isTrue();
        assertThat(bBox.last("signal").path("data").asText()).isEqualTo("just you");
        assertThat(aBox.events).hasSize(aSeen);
        assertThat(session.serverSignal("no-such-connection", "chat", "x")).isFalse();
    }

    private static ClientMessage.Publish camera() {
        return new ClientMessage.Publish(null, "cam", true, true, VideoType.CAMERA);
    }
}
