package dev.ticketrush.server.asyncsale;

import dev.ticketrush.embedded.LocalKafkaCluster;
import dev.ticketrush.server.ServerLite;
import dev.ticketrush.server.testing.HttpCalls;
import dev.ticketrush.server.testing.SaleInvariants;
import dev.ticketrush.server.testing.TestServices;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real async rush on a three-broker Kafka that loses a broker to SIGKILL while requests are still arriving: every
 * answer is a 202 or a 503, every accepted request is settled, and no seat is sold twice.
 */
@ExtendWith(TestServices.Extension.class)
class KafkaBrokerLossTest {

    private static final String TOPIC = "broker-loss-requests";
    private static final int SEATS = 100;
    private static final int BUYERS = 1000;
    /** Requests arrive over about ten seconds, so some come before the kill, some while Kafka fails over, some after. */
    private static final Duration ARRIVAL_GAP = Duration.ofMillis(10);
    private static final int ANSWERS_BEFORE_KILL = BUYERS * 3 / 10;
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);
    private static final Pattern ACCEPTED = Pattern.compile("\"requestId\":(\\d+)");

    /** One answer: its seat, status, the request id a 202 (or a 503 that may still be queued) named, and whether it came after the kill. */
    private record Answer(long seatId, int status, Long requestId, boolean afterKill, String body) {
    }

    private final TestServices services;

    @TempDir
    Path kafkaData;

    KafkaBrokerLossTest(TestServices services) {
        this.services = services;
    }

    @Test
    void anAsyncRushLosesNoAcceptedRequestWhenOneOfThreeBrokersIsKilled() throws Exception {
        long clusterStart = System.nanoTime();
        try (LocalKafkaCluster kafka = new LocalKafkaCluster(kafkaData, 3);
             ServerLite server = new ServerLite(services.serverConfig().kafkaBootstrap(kafka.bootstrap()).kafkaTopic(TOPIC)
                     .kafkaGroup("broker-loss-group").build()).start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            System.out.printf("3-broker cluster and server up in %.1f s%n", (System.nanoTime() - clusterStart) / 1e9);
            HttpCalls http = new HttpCalls(server.baseUrl());
            long optionId = http.setupConcert(SEATS)[1];
            long[] seats = services.seatIds(optionId);
            long[] buyers = services.createUsers(BUYERS);
            services.admit(buyers);
            assertThreeCopiesOfWhichTwoMustTakeEachWrite(admin);
            int doomed = leaderOfPartitionZero(admin);

            List<Answer> answers = new CopyOnWriteArrayList<>();
            CountDownLatch enoughAnswered = new CountDownLatch(ANSWERS_BEFORE_KILL);
            AtomicLong killedAt = new AtomicLong();
            try (var calls = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<?> arrivals = calls.submit(() -> {
                    long start = System.nanoTime();
                    for (int i = 0; i < BUYERS; i++) {
                        String path = i % 2 == 0 ? "/api/reservations/v4-opt/queue-polling" : "/api/reservations/v4-pes/queue-polling";
                        long buyer = buyers[i];
                        long seat = seats[i % SEATS];
                        calls.submit(() -> {
                            answers.add(answer(http, buyer, seat, path, killedAt));
                            enoughAnswered.countDown();
                        });
                        Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(start + (i + 1) * ARRIVAL_GAP.toNanos() - System.nanoTime())));
                    }
                    return null;
                });
                assertTrue(enoughAnswered.await(60, TimeUnit.SECONDS), "30% of the requests answered before the kill");
                kafka.kill(doomed);
                killedAt.set(System.nanoTime());
                System.out.printf("killed broker %d (leader of partition 0) after %d answers%n", doomed, answers.size());
                arrivals.get();
            }

            Set<Long> accepted = answers.stream().filter(a -> a.status() == 202 && a.requestId() != null).map(Answer::requestId).collect(Collectors.toSet());
            Set<Long> inDoubt = answers.stream().filter(a -> a.status() == 503 && a.requestId() != null).map(Answer::requestId).collect(Collectors.toSet());
            Map<Integer, Long> byStatus = answers.stream().collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
            assertEquals(BUYERS, answers.size(), "every request answered");
            assertEquals(Set.of(), answers.stream().filter(a -> a.status() != 202 && a.status() != 503)
                    .map(a -> a.status() + " " + a.body()).collect(Collectors.toSet()), "only 202 or 503: " + byStatus);
            assertTrue(answers.stream().filter(a -> a.status() == 202).allMatch(a -> a.requestId() != null), "every 202 names its request");
            assertEquals(SEATS, answers.stream().filter(a -> a.afterKill() && a.status() == 202).map(Answer::seatId).distinct().count(),
                    "requests for every seat were still accepted after the kill, whichever broker led its partition");

            double settledAfter = awaitSettled(accepted, killedAt.get());
            Map<Long, String> outcomes = outcomesOf(seats);
            System.out.printf("accepted %d (%d after the kill), 503 %d (%d may still have been queued), every accepted request settled "
                            + "%.1f s after the kill%n", accepted.size(), answers.stream().filter(a -> a.afterKill() && a.status() == 202).count(),
                    byStatus.getOrDefault(503, 0L), inDoubt.size(), settledAfter);

            assertTrue(outcomes.keySet().containsAll(accepted), "every accepted request has its final row");
            assertEquals(Set.of(), outcomes.keySet().stream().filter(id -> !accepted.contains(id) && !inDoubt.contains(id)).collect(Collectors.toSet()),
                    "no request refused outright was settled");
            assertEquals(SEATS, outcomes.values().stream().filter("SUCCESS"::equals).count(), "one SUCCESS per seat: " + countByStatus(outcomes));
            new SaleInvariants(services).assertSoldExactlyOnce(optionId, SEATS);
        }
    }

    private static Answer answer(HttpCalls http, long buyer, long seat, String path, AtomicLong killedAt) {
        HttpResponse<String> response;
        try {
            response = http.postAs(buyer, path, "{\"userId\":" + buyer + ",\"seatId\":" + seat + "}");
        } catch (RuntimeException e) {
            return new Answer(seat, -1, null, killedAt.get() != 0, e.toString());
        }
        Matcher id = ACCEPTED.matcher(response.body());
        // a 503 whose write Kafka did not confirm names the request in a header: it may still be settled
        Long requestId = response.statusCode() == 202 ? (id.find() ? Long.valueOf(id.group(1)) : null)
                : response.headers().firstValue("Request-Id").map(Long::valueOf).orElse(null);
        return new Answer(seat, response.statusCode(), requestId, killedAt.get() != 0, response.body());
    }

    /** The server made the topic: three copies of every partition, min.insync.replicas=2. */
    private static void assertThreeCopiesOfWhichTwoMustTakeEachWrite(Admin admin) throws Exception {
        var topic = admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS).get(TOPIC);
        assertTrue(topic.partitions().stream().allMatch(partition -> partition.replicas().size() == 3), "three copies: " + topic);
        var config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, TOPIC))).all().get(30, TimeUnit.SECONDS);
        assertEquals("2", config.values().iterator().next().get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value());
    }

    private static int leaderOfPartitionZero(Admin admin) throws Exception {
        return admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS).get(TOPIC).partitions().getFirst().leader().id();
    }

    /** Waits until every accepted request has its row in sale_request, and answers how long after the kill that was. */
    private double awaitSettled(Set<Long> accepted, long killedAt) throws Exception {
        String ids = accepted.stream().map(String::valueOf).collect(Collectors.joining(",", "(", ")"));
        long deadline = killedAt + SETTLE_LIMIT.toNanos();
        long settled = 0;
        while (System.nanoTime() < deadline) {
            settled = accepted.isEmpty() ? 0 : services.sqlNumber("SELECT count(*) FROM sale_request WHERE id IN " + ids);
            if (settled == accepted.size()) return (System.nanoTime() - killedAt) / 1e9;
            Thread.sleep(250);
        }
        throw new AssertionError(settled + " of " + accepted.size() + " accepted requests settled within " + SETTLE_LIMIT.toSeconds() + " s of the kill");
    }

    /** Every settled request of the option's seats and its final status, from the table itself. */
    private Map<Long, String> outcomesOf(long[] seats) throws Exception {
        String seatIds = Arrays.stream(seats).mapToObj(String::valueOf).collect(Collectors.joining(",", "(", ")"));
        Map<Long, String> outcomes = new HashMap<>();
        try (var c = services.sql(); var rows = c.createStatement().executeQuery("SELECT id, status FROM sale_request WHERE seat_id IN " + seatIds)) {
            while (rows.next()) outcomes.put(rows.getLong(1), rows.getString(2));
        }
        return outcomes;
    }

    private static Map<String, Long> countByStatus(Map<Long, String> outcomes) {
        return outcomes.values().stream().collect(Collectors.groupingBy(status -> status, TreeMap::new, Collectors.counting()));
    }
}
