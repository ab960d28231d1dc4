package io.parley.video;

import java.util.List;

/** One page of a listing of broadcasts, newest first, with the count known so far (as for archives). */
public record BroadcastPage(long count, List<Broadcast> items) {
    public BroadcastPage {
        items = List.copyOf(items);
    }
}
