package io.parley.storage;

import io.parley.callbacks.CallbackOutbox;
import io.parley.callbacks.FileCallbackOutbox;
import io.parley.embedded.sessions.FileSessionStore;
import io.parley.embedded.sessions.SessionStore;
import io.parley.rooms.FileRoomStore;
import io.parley.rooms.RoomStore;
import io.parley.testing.TestConfigs;
import io.parley.vonage.ArchiveStateStore;
import io.parley.vonage.LocalArchiveStateStore;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

/** The store contract over the data directory ({@code parley.store=files}). */
class FileStoreContractTest extends StoreContract {

    @TempDir
    Path dataDir;

    @Override
    protected Stores open() {
        JsonStore store = TestConfigs.store(dataDir);
        FileCallbackOutbox outbox = new FileCallbackOutbox(store, true, Clock.systemUTC());
        KeyMaterial keys = new FileKeyMaterial(dataDir);
        RoomStore rooms = new FileRoomStore(store);
        SessionStore sessions = new FileSessionStore(store);
        ArchiveStateStore states = new LocalArchiveStateStore(outbox::record);
        return new Stores() {
            @Override
            public KeyMaterial keys() {
                return keys;
            }

            @Override
            public RoomStore rooms() {
                return rooms;
            }

            @Override
            public SessionStore sessions() {
                return sessions;
            }

            @Override
            public CallbackOutbox outbox() {
                return outbox;
            }

            @Override
            public ArchiveStateStore archiveStates() {
                return states;
            }
        };
    }

    @Override
    protected boolean reservationsAreShared() {
        return false;
    }
}
