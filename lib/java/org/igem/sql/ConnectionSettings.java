package org.igem.sql;

import java.util.Map;

import org.igem.core.IgemException;

/** PostgreSQL connection tuning, read from IGEM_DB_* environment variables (defaults as the Python tool). */
public record ConnectionSettings(
        int connectTimeoutSeconds,
        String applicationName,
        boolean keepalives,
        int keepalivesIdle,
        int keepalivesInterval,
        int keepalivesCount,
        int poolRecycleSeconds) {

    public static ConnectionSettings defaults() {
        return fromEnv(Map.of());
    }

    public static ConnectionSettings fromEnv(Map<String, String> env) {
        return new ConnectionSettings(
                intVar(env, "IGEM_DB_CONNECT_TIMEOUT", 10, 1),
                env.getOrDefault("IGEM_DB_APPLICATION_NAME", "igem"),
                intVar(env, "IGEM_DB_KEEPALIVES", 1, 0) != 0,
                intVar(env, "IGEM_DB_KEEPALIVES_IDLE", 30, 1),
                intVar(env, "IGEM_DB_KEEPALIVES_INTERVAL", 10, 1),
                intVar(env, "IGEM_DB_KEEPALIVES_COUNT", 5, 1),
                intVar(env, "IGEM_DB_POOL_RECYCLE", 1800, 30));
    }

    private static int intVar(Map<String, String> env, String name, int dflt, int min) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min) {
                throw IgemException.usage(name + "=" + v + " is invalid: must be at least " + min);
            }
            return n;
        } catch (NumberFormatException e) {
            throw IgemException.usage(name + "=" + v + " is invalid: expected a whole number");
        }
    }
}
