package dev.ticketrush.server;

import dev.ticketrush.server.testing.HttpCalls;
import dev.ticketrush.server.testing.SaleInvariants;
import dev.ticketrush.server.testing.TcpRelay;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault drills under an async rush: a dependency goes away a third of the way in and comes back a few seconds later.
 * Each drill asserts what must hold whatever fails: no seat sold twice, every accepted request settled within 60 s of
 * the recovery, and clients saw nothing but 2xx, 4xx and 503. Each prints its figures as a row of docs/reliability.md.
 */
@ExtendWith(TestServices.Extension.class)
class FaultDrillTest {

    private static final int BUYERS = 600;
    private static final int SEATS = 60;
    private static final Duration OUTAGE = Duration.ofSeconds(5);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);

    private final TestServices services;

    FaultDrillTest(TestServices services) {
        this.services = services;
    }

    @Test
    void aRedisOutageMidRushLosesNothingAndSellsNoSeatTwice() throws Exception {
        URI redis = URI.create(services.privateRedisUrl(4));
        try (TcpRelay relay = new TcpRelay(redis.getHost(), redis.getPort());
             ServerLite server = start(services.serverConfig().redisUrl("redis://127.0.0.1:" + relay.port() + "/4").kafkaTopic("drill-redis")
                     .kafkaGroup("drill-redis"))) {
            drill("Redis unreachable", server, relay);
        }
    }

    @Test
    void aPostgresqlOutageMidRushLosesNothingAndSellsNoSeatTwice() throws Exception {
        URI db = URI.create(services.dbUrl().substring("jdbc:".length()));
        try (TcpRelay relay = new TcpRelay(db.getHost(), db.getPort());
             ServerLite server = start(services.serverConfig().dbUrl("jdbc:postgresql://127.0.0.1:" + relay.port() + db.getPath())
                     .kafkaTopic("drill-postgres").kafkaGroup("drill-postgres"))) {
            drill("PostgreSQL unreachable", server, relay);
        }
    }

    /** Rushes the server, cuts the relay a third of the way in, restores it after the outage, and checks the aftermath. */
    private void drill(String fault, ServerLite server, TcpRelay relay) throws Exception {
        HttpCalls http = new HttpCalls(server.baseUrl());
        long[] ids = http.setupConcert(SEATS);
        long[] seats = services.seatIds(ids[1]);
        long[] users = services.createUsers(BUYERS);
        http.admit(users);
        Map<Integer, AtomicInteger> seen = new TreeMap<>();
        List<Long> accepted = new CopyOnWriteArrayList<>();
        AtomicInteger done = new AtomicInteger();
        long[] restoredAt = new long[1];
        Thread chaos = Thread.ofVirtual().start(() -> {
            try {
                while (done.get() < BUYERS / 3) Thread.sleep(5);
                relay.cut();
                Thread.sleep(OUTAGE);
                relay.restore();
                restoredAt[0] = System.nanoTime();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Map<Integer, AtomicInteger> counts = new ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(32);
        try (var buyers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < BUYERS; i++) {
                long user = users[i];
                long seat = seats[i % seats.length];
                String path = i % 2 == 0 ? "/api/reservations/v4-opt/queue-polling" : "/api/reservations/v4-pes/queue-polling";
                buyers.submit(() -> {
                    inFlight.acquire();
                    try {
                        HttpResponse<String> answer = http.postAs(user, path, "{\"userId\":" + user + ",\"seatId\":" + seat + "}");
                        counts.computeIfAbsent(answer.statusCode(), code -> new AtomicInteger()).incrementAndGet();
                        if (answer.statusCode() == 202) accepted.add(Long.parseLong(answer.body().replaceAll(".*\"requestId\":(\\d+).*", "$1")));
                        Thread.sleep(10);
                    } finally {
                        inFlight.release();
                        done.incrementAndGet();
                    }
                    return null;
                });
            }
        }
        chaos.join();
        seen.putAll(counts);
        long settledMs = awaitSettled(accepted, restoredAt[0]);
        long unexpected = seen.keySet().stream().filter(code -> !(code / 100 == 2 || code / 100 == 4 || code == 503)).count();
        long successes = services.sqlNumber("SELECT count(*) FROM sale_request WHERE status = 'SUCCESS' AND id IN (" + ids(accepted) + ")");
        System.out.printf("DRILL | %s for %d s | %d async buyers, %d seats | %s | all %d accepted settled %.1f s after recovery | lost 0 |%n",
                fault, OUTAGE.toSeconds(), BUYERS, SEATS, seen, accepted.size(), settledMs / 1000.0);
        assertEquals(0, unexpected, "clients saw only 2xx, 4xx and 503: " + seen);
        assertTrue(seen.getOrDefault(503, new AtomicInteger()).get() > 0, "the outage was felt: " + seen);
        new SaleInvariants(services).assertSoldExactlyOnce(ids[1], successes);
        assertEquals(services.sqlNumber("SELECT count(*) FROM seat WHERE status = 'RESERVED' AND concert_option_id = " + ids[1]), successes,
                "every sold seat was sold by an accepted request");
    }

    /** Waits until every accepted request has its row; answers how long after the recovery the last one came. */
    private long awaitSettled(List<Long> accepted, long restoredNanos) throws Exception {
        long deadline = restoredNanos + SETTLE_LIMIT.toNanos();
        long settled;
        while ((settled = services.sqlNumber("SELECT count(*) FROM sale_request WHERE id IN (" + ids(accepted) + ")")) < accepted.size()) {
            if (System.nanoTime() > deadline) throw new AssertionError(settled + " of " + accepted.size() + " accepted requests settled 60 s after recovery");
            Thread.sleep(100);
        }
        return Math.max(0, (System.nanoTime() - restoredNanos) / 1_000_000);
    }

    private static String ids(List<Long> accepted) {
        return accepted.isEmpty() ? "0" : accepted.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow();
    }

    private static ServerLite start(ServerConfig.Builder config) {
        return new ServerLite(config.build()).start();
    }
}
