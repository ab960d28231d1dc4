package io.parley.storage;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

/**
 * Lets {@code parley.store} alone switch PostgreSQL on: the datasource (and with it Flyway and the reactive pool) is
 * active exactly when the store is {@code postgres}, so the files store starts with nothing installed and nothing
 * configured. The JDBC URL that Flyway's migrations use follows from the reactive one unless it is set, so an
 * operator gives one URL. Explicit settings always win.
 */
@Priority(Priorities.LIBRARY + 500)
public class PostgresActivation implements ConfigSourceInterceptor {

    static final String ACTIVE = "quarkus.datasource.active";
    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    static final String REACTIVE_URL = "quarkus.datasource.reactive.url";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value != null) {
            return value;
        }
        if (ACTIVE.equals(name)) {
            ConfigValue store = context.proceed("parley.store");
            boolean postgres = store != null && "postgres".equals(store.getValue());
            return ConfigValue.builder().withName(name).withValue(Boolean.toString(postgres)).build();
        }
        if (JDBC_URL.equals(name)) {
            ConfigValue reactive = context.proceed(REACTIVE_URL);
            if (reactive != null && reactive.getValue() != null && reactive.getValue().startsWith("postgresql://")) {
                return ConfigValue.builder().withName(name).withValue("jdbc:" + reactive.getValue()).build();
            }
        }
        return null;
    }
}
