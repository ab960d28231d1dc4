package io.parley.storage.selection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.ParleyConfig;
import io.parley.callbacks.CallbackOutbox;
import io.parley.callbacks.CallbacksConfig;
import io.parley.callbacks.FileCallbackOutbox;
import io.parley.embedded.sessions.FileSessionStore;
import io.parley.embedded.sessions.SessionStore;
import io.parley.nodes.LocalNodeStore;
import io.parley.nodes.NodeStore;
import io.parley.rooms.FileRoomStore;
import io.parley.rooms.RoomStore;
import io.parley.storage.FileKeyMaterial;
import io.parley.storage.JsonStore;
import io.parley.storage.KeyMaterial;
import io.parley.storage.SecretIds;
import io.parley.storage.postgres.PostgresStore;
import io.parley.vonage.ArchiveStateStore;
import io.parley.vonage.LocalArchiveStateStore;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;

/**
 * The one place that decides where state lives ({@code parley.store}): every store port is produced here, from the
 * data directory or from PostgreSQL. Nothing else knows which.
 */
@ApplicationScoped
public class StoreSelection {

    private static final Logger LOG = Logger.getLogger(StoreSelection.class);

    private final ParleyConfig.Store store;
    private final JsonStore files;
    private final Instance<Pool> pool;
    private final ObjectMapper json;
    private final Instance<MeterRegistry> registry;
    private final CallbacksConfig callbacks;
    private PostgresStore postgres;
    private FileCallbackOutbox fileOutbox;

    public StoreSelection(ParleyConfig config, JsonStore files, Instance<Pool> pool, ObjectMapper json,
                          Instance<MeterRegistry> registry, CallbacksConfig callbacks) {
        this.store = config.store();
        this.files = files;
        this.pool = pool;
        this.json = json;
        this.registry = registry;
        this.callbacks = callbacks;
        LOG.infof("State is kept in %s", store == ParleyConfig.Store.postgres ? "PostgreSQL"
                : "the data directory");
    }

    public boolean shared() {
        return store == ParleyConfig.Store.postgres;
    }

    private synchronized PostgresStore postgres() {
        if (postgres == null) {
            postgres = new PostgresStore(pool.get(), json, registry.isResolvable() ? registry.get() : null,
                    replicaName(), callbacks.claimLease(), callbacks.url().isPresent());
        }
        return postgres;
    }

    private synchronized FileCallbackOutbox fileOutbox() {
        if (fileOutbox == null) {
            fileOutbox = new FileCallbackOutbox(files, callbacks.url().isPresent(), Clock.systemUTC());
        }
        return fileOutbox;
    }

    @Produces
    @ApplicationScoped
    KeyMaterial keyMaterial() {
        return shared() ? postgres().keys() : new FileKeyMaterial(files.dataDir());
    }

    @Produces
    @ApplicationScoped
    RoomStore rooms() {
        return shared() ? postgres().rooms() : new FileRoomStore(files);
    }

    @Produces
    @ApplicationScoped
    SessionStore sessions() {
        return shared() ? postgres().sessions() : new FileSessionStore(files);
    }

    @Produces
    @ApplicationScoped
    NodeStore nodes() {
        return shared() ? postgres().nodes() : new LocalNodeStore(Clock.systemUTC());
    }

    @Produces
    @ApplicationScoped
    CallbackOutbox outbox() {
        return shared() ? postgres().outbox() : fileOutbox();
    }

    @Produces
    @ApplicationScoped
    ArchiveStateStore archiveStates() {
        if (shared()) {
            return postgres().archiveStates();
        }
        FileCallbackOutbox outbox = fileOutbox();
        return new LocalArchiveStateStore(outbox::record);
    }

    /** Names this replica's outbox claims: the host (a pod's name on Kubernetes) and a random part per start. */
    private static String replicaName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "replica";
        }
        return host + "-" + SecretIds.random(6);
    }
}
