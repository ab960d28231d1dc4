package io.parley.video;

import java.util.List;

/** One page of a listing of archives, newest first, with the total count. */
public record ArchivePage(long count, List<Archive> items) {
    public ArchivePage {
        items = List.copyOf(items);
    }
}
