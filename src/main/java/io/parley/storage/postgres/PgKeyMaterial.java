package io.parley.storage.postgres;

import io.parley.storage.KeyMaterial;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Keys in {@code key_material}: the first replica's insert wins ({@code ON CONFLICT DO NOTHING}) and everyone reads
 * the row that won, so two replicas starting at once still end up with one key.
 */
public final class PgKeyMaterial implements KeyMaterial {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Pool pool;

    public PgKeyMaterial(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Stored getOrCreate(String name, Supplier<byte[]> generate) {
        String candidate = Base64.getEncoder().encodeToString(generate.get());
        boolean created = pool.preparedQuery(
                        "INSERT INTO key_material (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
                .execute(Tuple.of(name, candidate))
                .map(rows -> rows.rowCount() == 1)
                .await().atMost(WAIT);
        RowIterator<Row> rows = pool.preparedQuery("SELECT value FROM key_material WHERE name = $1")
                .execute(Tuple.of(name))
                .await().atMost(WAIT)
                .iterator();
        if (!rows.hasNext()) {
            throw new IllegalStateException("The key " + name + " vanished from key_material");
        }
        return new Stored(Base64.getDecoder().decode(rows.next().getString("value")), created);
    }
}
