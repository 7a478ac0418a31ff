package dev.ticketrush.cli.swarm;

import dev.ticketrush.cli.api.ApiClient;

import java.util.Map;

/** How a rush admits its buyers before they reserve, when they do not earn admission in the waiting room. */
public interface Admission {

    /** How long a rush's buyers stay admitted: the contract's five minutes. */
    long TTL_SECONDS = 300;

    /** Admits the buyers for the concert; answers each buyer's admission token where the server signs admissions. */
    Map<Long, String> admit(long[] userIds, long concertId);

    /** Through server-lite's admin endpoint: the server writes the keys into its own Redis. */
    static Admission throughServer(ApiClient server) {
        return (userIds, concertId) -> server.admit(userIds, TTL_SECONDS, concertId);
    }
}
