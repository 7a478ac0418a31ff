package dev.ticketrush.server;

import dev.ticketrush.server.testing.HttpCalls;
import dev.ticketrush.server.testing.Nginx;
import dev.ticketrush.server.testing.SaleInvariants;
import dev.ticketrush.server.testing.ServerTest;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two instances behind Debian's nginx with deploy/nginx.conf: a rush and waiting-room streams reach both through it. */
class BehindNginxTest extends ServerTest {

    private static final String RESERVE = "/api/reservations/v1/optimistic";

    private final SaleInvariants invariants;
    private final HttpClient streams = HttpClient.newHttpClient();
    private ServerLite second;

    BehindNginxTest(TestServices services) {
        super(services);
        this.invariants = new SaleInvariants(services);
    }

    @BeforeAll
    void startSecondInstance() {
        second = new ServerLite(services.serverConfig().build()).start();
    }

    @AfterAll
    void stopSecondInstance() {
        if (second != null) second.close();
    }

    @Test
    void aRushThroughNginxReachesBothInstancesAndSellsEachSeatOnce() throws Exception {
        try (Nginx nginx = Nginx.inFrontOf(List.of(server.port(), second.port()))) {
            HttpCalls front = new HttpCalls(nginx.baseUrl());
            long[] ids = front.setupConcert(20);
            long[] seats = services.seatIds(ids[1]);
            long[] buyers = services.createUsers(60);
            front.admit(buyers);

            Map<Integer, Integer> answers = new ConcurrentHashMap<>();
            try (ExecutorService rush = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> attempts = new ArrayList<>();
                for (int i = 0; i < buyers.length; i++) {
                    long buyer = buyers[i];
                    long seat = seats[i % seats.length];
                    attempts.add(rush.submit(() -> answers.merge(front.postAs(buyer, RESERVE, "{\"userId\":" + buyer + ",\"seatId\":" + seat + "}")
                            .statusCode(), 1, Integer::sum)));
                }
                for (Future<?> attempt : attempts) attempt.get(60, TimeUnit.SECONDS);
            }
            assertEquals(Map.of(200, 20, 409, 40), answers, "each seat sold once, every other buyer told it is taken");
            invariants.assertSoldExactlyOnce(ids[1], 20);
            assertTrue(reservationsServed(server) > 0 && reservationsServed(second) > 0,
                    "both instances sold: " + reservationsServed(server) + " and " + reservationsServed(second));
        }
    }

    @Test
    void waitingRoomStreamsThroughNginxReachBothInstancesAndTellTheTurnAtOnce() throws Exception {
        try (Nginx nginx = Nginx.inFrontOf(List.of(server.port(), second.port()))) {
            HttpCalls front = new HttpCalls(nginx.baseUrl());
            long concert = front.setupConcert(2)[0];
            assertEquals(200, front.put("/api/v1/waiting-queue/config/" + concert, "{\"capacity\":100,\"admitCount\":1,\"admitIntervalMs\":3600000}").statusCode());
            long[] buyers = services.createUsers(4);
            for (long buyer : buyers) {
                assertEquals(200, front.post("/api/v1/waiting-queue/join", "{\"userId\":" + buyer + ",\"concertId\":" + concert + "}").statusCode());
            }
            // the streams one after another: a join between two would take the other instance's turn every time
            List<BlockingQueue<String>> frames = new ArrayList<>();
            for (long buyer : buyers) frames.add(follow(nginx.baseUrl() + "/api/v1/waiting-queue/subscribe?concertId=" + concert + "&userId=" + buyer));
            for (BlockingQueue<String> stream : frames) assertTrue(awaitLine(stream, "event:RANK_UPDATE"), "each stream's first rank, unbuffered");
            // each nginx worker takes its own turns between the instances: both get streams, not always two each
            assertTrue(server.waitingRoomSubscribers() >= 1 && second.waitingRoomSubscribers() >= 1,
                    "streams on both instances: " + server.waitingRoomSubscribers() + " and " + second.waitingRoomSubscribers());
            assertEquals(4, server.waitingRoomSubscribers() + second.waitingRoomSubscribers());

            assertEquals(200, front.put("/api/v1/waiting-queue/config/" + concert, "{\"capacity\":100,\"admitCount\":4,\"admitIntervalMs\":100}").statusCode());
            for (BlockingQueue<String> stream : frames) assertTrue(awaitLine(stream, "event:ACTIVE"), "every buyer told of the turn through nginx");
        }
    }

    private BlockingQueue<String> follow(String url) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        streams.sendAsync(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> Thread.ofVirtual().start(() -> {
                    try {
                        response.body().forEach(lines::add);
                    } catch (UncheckedIOException closedWithNginx) {
                        lines.add("closed");
                    }
                }));
        return lines;
    }

    private static boolean awaitLine(BlockingQueue<String> lines, String wanted) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        for (String line; Instant.now().isBefore(deadline); ) {
            line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (wanted.equals(line)) return true;
        }
        return false;
    }

    /** Reservations this instance answered, from its own /metrics. */
    private static double reservationsServed(ServerLite instance) {
        String scrape = new HttpCalls(instance.baseUrl()).get("/metrics").body();
        Matcher count = Pattern.compile("(?m)^http_server_requests_seconds_count\\{method=\"POST\",route=\"" + Pattern.quote(RESERVE)
                + "\",status=\"(?:200|409)\"} (\\S+)$").matcher(scrape);
        double served = 0;
        while (count.find()) served += Double.parseDouble(count.group(1));
        return served;
    }
}
