package dev.ticketrush.server.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Concurrent buyers for tests: each buyer walks its own list of seats, skipping those the swarm has
 * seen taken, until one sale succeeds; all released at once, spread round-robin over the servers.
 */
public final class BuyerSwarm {

    /** What the swarm saw: responses counted by status code. */
    public record Outcome(Map<Integer, Integer> byStatus) {
        public int count(int status) {
            return byStatus.getOrDefault(status, 0);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> servers;
    private final String strategyPath;
    private final int inFlight;

    public BuyerSwarm(List<String> servers, String strategyPath, int inFlight) {
        this.servers = servers;
        this.strategyPath = strategyPath;
        this.inFlight = inFlight;
    }

    /** Buyer i (user {@code users[i]}) tries {@code seatsOfBuyer.apply(i)} in order, stopping at its first sale. */
    public Outcome run(long[] users, IntFunction<long[]> seatsOfBuyer) throws InterruptedException {
        Map<Integer, Integer> byStatus = new ConcurrentHashMap<>();
        Set<Long> seenTaken = ConcurrentHashMap.newKeySet();
        Semaphore slots = new Semaphore(inFlight);
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger next = new AtomicInteger();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < users.length; i++) {
                int buyer = i;
                String server = servers.get(next.getAndIncrement() % servers.size());
                executor.submit(() -> {
                    gate.await();
                    for (long seatId : seatsOfBuyer.apply(buyer)) {
                        if (seenTaken.contains(seatId)) continue;
                        int status = attempt(slots, server, users[buyer], seatId);
                        byStatus.merge(status, 1, Integer::sum);
                        if (status == 200 || status == 409) seenTaken.add(seatId);
                        if (status == 200) break;
                    }
                    return null;
                });
            }
            gate.countDown();
        }
        return new Outcome(Map.copyOf(byStatus));
    }

    private int attempt(Semaphore slots, String server, long userId, long seatId) throws InterruptedException {
        slots.acquire();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(server + "/api/reservations/" + strategyPath))
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":" + userId + ",\"seatId\":" + seatId + "}"))
                    .build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            System.err.println("swarm I/O failure: " + e);
            return -1;
        } finally {
            slots.release();
        }
    }
}
