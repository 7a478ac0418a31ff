package dev.ticketrush.cli.swarm;

import java.util.List;

/**
 * Everything one rush needs.
 *
 * @param servers     base URLs; buyers are spread round-robin across them
 * @param redisUrl    the servers' Redis, where buyers are admitted
 * @param concertId   the concert (its first option is used) or null when optionId is given
 * @param optionId    the option, or null
 * @param users       number of buyers
 * @param attempts    tries per buyer before giving up, at least 1
 * @param concurrency requests in flight at most
 * @param seed        makes seat choices reproducible
 * @param progress    print live progress to stderr
 * @param queue       null: buyers are admitted through Redis directly; else they earn admission in the waiting room
 */
public record RushPlan(List<String> servers, String redisUrl, Long concertId, Long optionId, int users, Strategy strategy,
                       SeatPattern pattern, Arrival arrival, int attempts, int concurrency, long seed, boolean progress,
                       QueueRoute queue) {

    /**
     * Buyers go through the waiting room.
     *
     * @param capacity       the room's capacity to configure first, or null to keep the server's
     * @param admitPerSecond the admission rate to configure first, or null to keep the server's
     */
    public record QueueRoute(Integer capacity, Double admitPerSecond) {
    }


    public RushPlan {
        if (servers.isEmpty()) throw new IllegalArgumentException("at least one server is needed");
        if ((concertId == null) == (optionId == null)) throw new IllegalArgumentException("give exactly one of --concert or --option");
        if (users < 1) throw new IllegalArgumentException("--users must be at least 1, got " + users);
        if (attempts < 1) throw new IllegalArgumentException("--attempts must be at least 1, got " + attempts);
        if (concurrency < 1) throw new IllegalArgumentException("--concurrency must be at least 1, got " + concurrency);
        if (queue != null && concertId == null) throw new IllegalArgumentException("--via-queue needs --concert: the waiting room is per concert");
    }
}
