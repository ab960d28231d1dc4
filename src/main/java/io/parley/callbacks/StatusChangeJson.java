package io.parley.callbacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.video.ArchiveChanged;
import io.parley.video.BroadcastChanged;
import io.parley.video.StatusChange;

/**
 * A status change as the outboxes keep it: the record's own JSON, {@code {"archive": ...}} or
 * {@code {"broadcast": ...}}, told apart by that field; so what outboxes hold from before broadcasts had callbacks
 * still reads as the archive change it is.
 */
public final class StatusChangeJson {

    private StatusChangeJson() {
    }

    public static String write(ObjectMapper json, StatusChange change) {
        try {
            return json.writeValueAsString(change);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A status change could not be written as JSON", e);
        }
    }

    public static StatusChange read(ObjectMapper json, String value) {
        try {
            JsonNode node = json.readTree(value);
            return node.has("broadcast") ? json.treeToValue(node, BroadcastChanged.class)
                    : json.treeToValue(node, ArchiveChanged.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An outbox entry is not a status change", e);
        }
    }
}
