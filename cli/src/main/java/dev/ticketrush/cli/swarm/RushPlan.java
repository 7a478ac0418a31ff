package dev.ticketrush.cli.swarm;

import dev.ticketrush.cli.chaos.ChaosStep;

import java.util.List;

/**
 * Everything one rush needs; built by name through {@link #builder()}, whose defaults are the CLI's.
 *
 * @param servers     base URLs; buyers are spread round-robin across them
 * @param concertId   the concert (its first option is used), or null when optionId is given
 * @param optionId    the option, or null
 * @param users       number of buyers
 * @param attempts    tries per buyer before giving up, at least 1
 * @param concurrency requests in flight at most
 * @param seed        makes seat choices reproducible
 * @param progress    print live progress to stderr
 * @param queue       null: buyers are admitted before they reserve; else they earn admission in the waiting room
 * @param redisUrl    null: admissions go through the server's API; else written to this Redis, as for the original service
 * @param adminToken  the servers' admin token for setting the room and admitting buyers, or null
 * @param chaos       faults to strike during the rush; empty for none
 * @param faultsUrl   the stack's fault control, for faults that take a service away; null when none is used
 */
public record RushPlan(List<String> servers, Long concertId, Long optionId, int users, Strategy strategy, SeatPattern pattern,
                       Arrival arrival, int attempts, int concurrency, long seed, boolean progress, QueueRoute queue, String redisUrl,
                       String adminToken, List<ChaosStep> chaos, String faultsUrl) {

    /**
     * Buyers go through the waiting room.
     *
     * @param capacity       the room's capacity to configure first, or null to keep the server's
     * @param admitPerSecond the admission rate to configure first, or null to keep the server's
     * @param maxStreams     waiting buyers holding their event stream at once; the others join and wait their turn
     */
    public record QueueRoute(Integer capacity, Double admitPerSecond, int maxStreams) {
        public QueueRoute {
            if (maxStreams < 1) throw new IllegalArgumentException("--max-streams must be at least 1, got " + maxStreams);
        }

        /** As many streams as this process may open files for, half of them, and at most 10,000. */
        public static int defaultMaxStreams() {
            long files = java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
                    ? unix.getMaxFileDescriptorCount() : 2_048;
            return (int) Math.max(16, Math.min(10_000, files / 2));
        }
    }

    public RushPlan {
        if (servers.isEmpty()) throw new IllegalArgumentException("at least one server is needed");
        if ((concertId == null) == (optionId == null)) throw new IllegalArgumentException("give exactly one of --concert or --option");
        if (users < 1) throw new IllegalArgumentException("--users must be at least 1, got " + users);
        if (attempts < 1) throw new IllegalArgumentException("--attempts must be at least 1, got " + attempts);
        if (concurrency < 1) throw new IllegalArgumentException("--concurrency must be at least 1, got " + concurrency);
        if (queue != null && concertId == null) throw new IllegalArgumentException("--via-queue needs --concert: the waiting room is per concert");
        chaos = List.copyOf(chaos);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Named steps for a plan; unset ones keep the CLI's defaults. */
    public static final class Builder {
        private List<String> servers = List.of();
        private Long concertId;
        private Long optionId;
        private int users = 100;
        private Strategy strategy = Strategy.OPTIMISTIC;
        private SeatPattern pattern = SeatPattern.HOT;
        private Arrival arrival = Arrival.BURST;
        private int attempts = 5;
        private int concurrency = 64;
        private long seed = System.nanoTime();
        private boolean progress;
        private QueueRoute queue;
        private String redisUrl;
        private String adminToken;
        private List<ChaosStep> chaos = List.of();
        private String faultsUrl;

        private Builder() {
        }

        public Builder servers(List<String> value) { servers = value; return this; }
        public Builder concert(Long value) { concertId = value; return this; }
        public Builder option(Long value) { optionId = value; return this; }
        public Builder users(int value) { users = value; return this; }
        public Builder strategy(Strategy value) { strategy = value; return this; }
        public Builder pattern(SeatPattern value) { pattern = value; return this; }
        public Builder arrival(Arrival value) { arrival = value; return this; }
        public Builder attempts(int value) { attempts = value; return this; }
        public Builder concurrency(int value) { concurrency = value; return this; }
        public Builder seed(Long value) { if (value != null) seed = value; return this; }
        public Builder progress(boolean value) { progress = value; return this; }
        public Builder throughWaitingRoom(QueueRoute value) { queue = value; return this; }
        public Builder admitThroughRedis(String value) { redisUrl = value; return this; }
        public Builder adminToken(String value) { adminToken = value; return this; }
        public Builder chaos(List<ChaosStep> value) { chaos = value; return this; }
        public Builder faultsUrl(String value) { faultsUrl = value; return this; }

        public RushPlan build() {
            return new RushPlan(servers, concertId, optionId, users, strategy, pattern, arrival, attempts, concurrency, seed, progress, queue, redisUrl,
                    adminToken, chaos, faultsUrl);
        }
    }
}
