package dev.ticketrush.cli.swarm;

/** How a rush admits its buyers before they reserve, when they do not earn admission in the waiting room. */
public interface Admission {

    /** How long a rush's buyers stay admitted: the contract's five minutes. */
    long TTL_SECONDS = 300;

    void admit(long[] userIds);

    /** Through server-lite's admin endpoint: the server writes the keys into its own Redis. */
    static Admission throughServer(dev.ticketrush.cli.api.ApiClient server) {
        return userIds -> server.admit(userIds, TTL_SECONDS);
    }
}
