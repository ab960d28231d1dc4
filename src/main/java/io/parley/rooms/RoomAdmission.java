package io.parley.rooms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.video.AccessDeniedException;
import io.parley.video.ArchiveMode;
import io.parley.video.IssuedToken;
import io.parley.video.Role;
import io.parley.video.SessionSpec;
import io.parley.video.TokenSpec;
import io.parley.video.VideoPlatform;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * Lets a person into a room: creates the room on first use (a manually archived session, routed unless
 * {@link RoomsConfig} says otherwise), decides their
 * role and issues their token. The room's creator is its moderator; later joiners publish unless they present the
 * moderator key.
 */
@ApplicationScoped
public class RoomAdmission {

    private final RoomDirectory directory;
    private final VideoPlatform platform;
    private final ObjectMapper mapper;

    private final SessionSpec newRoom;

    public RoomAdmission(RoomDirectory directory, VideoPlatform platform, ObjectMapper mapper, RoomsConfig config) {
        this.directory = directory;
        this.platform = platform;
        this.mapper = mapper;
        this.newRoom = new SessionSpec(config.mediaMode(), ArchiveMode.MANUAL);
    }

    public Uni<Admission> join(RoomName name, DisplayName displayName, String moderatorKey) {
        return directory.getOrCreate(name, newRoom)
                .chain(entry -> {
                    Role role = roleFor(entry, moderatorKey);
                    TokenSpec spec = new TokenSpec(role, connectionData(displayName), null);
                    return platform.issueToken(entry.room().sessionId(), spec)
                            .map(token -> new Admission(entry.room(), token, entry.moderatorKey()));
                });
    }

    private static Role roleFor(RoomEntry entry, String moderatorKey) {
        if (entry.createdNow()) {
            return Role.MODERATOR;
        }
        if (moderatorKey == null || moderatorKey.isEmpty()) {
            return Role.PUBLISHER;
        }
        if (ModeratorKeys.matches(moderatorKey, entry.room().moderatorKeyHash())) {
            return Role.MODERATOR;
        }
        // a wrong key is a mistake worth telling about, not a reason to quietly join with fewer rights
        throw new AccessDeniedException("The moderator key does not match this room");
    }

    private String connectionData(DisplayName displayName) {
        try {
            return mapper.writeValueAsString(Map.of("displayName", displayName.value()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The outcome of a join: the room, the joiner's token, and the moderator key if they just created the room. */
    public record Admission(Room room, IssuedToken token, String moderatorKey) {
        @Override
        public String toString() {
            return "Admission[room=" + room.name() + ", role=" + token.role() + "]";
        }
    }
}
