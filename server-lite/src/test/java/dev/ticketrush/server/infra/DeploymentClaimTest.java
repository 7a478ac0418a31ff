package dev.ticketrush.server.infra;

import dev.ticketrush.client.SseReader;
import dev.ticketrush.server.ServerLite;
import dev.ticketrush.server.testing.HttpCalls;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One deployment per Redis database: two fresh databases against one Redis never lend each other state. */
@ExtendWith(TestServices.Extension.class)
class DeploymentClaimTest {

    private final TestServices services;

    DeploymentClaimTest(TestServices services) {
        this.services = services;
    }

    @Test
    void aSecondDatabaseOnTheSameRedisIsRefusedAtStartInOneLineThatNamesTheFix() {
        String redis = services.privateRedisUrl(10);
        try (ServerLite first = start(services.anotherDatabase("claim_a"), redis, false)) {
            var refused = assertThrows(IllegalStateException.class, () -> start(services.anotherDatabase("claim_b"), redis, false));
            String message = refused.getMessage();
            assertEquals(1, message.lines().count(), message);
            assertTrue(message.contains("already serves the database"), message);
            assertTrue(message.contains("--redis-url redis://") && message.endsWith("/11) or start it with --reset-redis to delete the Ticket-Rush keys there"), message);
            assertEquals(200, new HttpCalls(first.baseUrl()).get("/api/concerts").statusCode(), "the first deployment serves on");
        }
    }

    @Test
    void aRedisHoldingUnsignedTicketRushKeysIsRefusedToo() {
        String redis = services.privateRedisUrl(12);
        try (Jedis jedis = jedis(12)) {
            jedis.setex("active-user:1", 300, "1");
        }
        var refused = assertThrows(IllegalStateException.class, () -> start(services.anotherDatabase("unsigned"), redis, false));
        assertTrue(refused.getMessage().contains("keys of a deployment that did not sign them"), refused.getMessage());
    }

    @Test
    void resettingTakesTheRedisOverDeletesTheOldKeysAndTheFormerServerAnswers503() throws Exception {
        String redis = services.privateRedisUrl(13);
        try (ServerLite former = start(services.anotherDatabase("former"), redis, false)) {
            HttpCalls formerHttp = new HttpCalls(former.baseUrl());
            long concert = formerHttp.setupConcert(1)[0];
            long user = formerHttp.createUser("admitted-by-the-former");
            formerHttp.admit(user);
            try (ServerLite taker = start(services.anotherDatabase("taker"), redis, true); Jedis jedis = jedis(13)) {
                assertNull(jedis.get("active-user:" + user), "the former deployment's admissions are gone");
                assertEquals(200, new HttpCalls(taker.baseUrl()).get("/api/concerts").statusCode());
                Instant deadline = Instant.now().plusSeconds(30);
                int status = 0;
                while (Instant.now().isBefore(deadline) && (status = formerHttp.get("/api/v1/waiting-queue/status?userId=1&concertId=" + concert).statusCode()) != 503) {
                    Thread.sleep(200);
                }
                assertEquals(503, status, "the former server stops trusting a Redis that serves another deployment");
            }
        }
    }

    @Test
    void aSecondDeploymentOnTheSameKafkaGroupIsRefusedAtStart() throws Exception {
        try (ServerLite first = start(services.anotherDatabase("kafka_a"), services.privateRedisUrl(10), false, "shared-requests", "shared-group")) {
            HttpCalls http = new HttpCalls(first.baseUrl());
            long seat = firstSeat(http);
            long user = http.createUser("signs-the-group");
            assertEquals(202, http.buy("/api/reservations/v4-opt/queue-polling", user, seat).statusCode());
            awaitSuccess(http);
            Thread.sleep(500);
            var refused = assertThrows(IllegalStateException.class,
                    () -> start(services.anotherDatabase("kafka_b"), services.privateRedisUrl(11), false, "shared-requests", "shared-group"));
            assertTrue(refused.getMessage().startsWith("Kafka consumer group shared-group already serves deployment "), refused.getMessage());
            assertTrue(refused.getMessage().endsWith("give this deployment its own group and topic (--kafka-group, --kafka-topic) or its own Kafka"),
                    refused.getMessage());
        }
    }

    @Test
    void statusChangesNeverCrossDeploymentsOrRedisDatabases() throws Exception {
        try (ServerLite a = start(services.anotherDatabase("cross_a"), services.privateRedisUrl(14), false);
             ServerLite b = start(services.anotherDatabase("cross_b"), services.privateRedisUrl(15), false)) {
            HttpCalls atA = new HttpCalls(a.baseUrl());
            HttpCalls atB = new HttpCalls(b.baseUrl());
            long seatA = firstSeat(atA);
            long seatB = firstSeat(atB);
            long userA = atA.createUser("a");
            long userB = atB.createUser("b");
            HttpClient client = HttpClient.newHttpClient();
            // both sequences are fresh: each deployment's first request is request 1
            try (SseReader watchingA = SseReader.open(client, URI.create(a.baseUrl() + "/api/reservations/v5/subscribe?requestId=1"), Duration.ofMinutes(1))) {
                assertTrue(atB.buy("/api/reservations/v4-opt/queue-polling", userB, seatB).body().contains("\"requestId\":1}"));
                awaitSuccess(atB);
                assertNull(watchingA.next(Duration.ofSeconds(1)), "nothing of deployment B reaches a subscriber of A");
                assertTrue(atA.buy("/api/reservations/v4-opt/queue-polling", userA, seatA).body().contains("\"requestId\":1}"));
                List<String> seen = new ArrayList<>();
                for (SseReader.Frame frame; (frame = watchingA.next(Duration.ofSeconds(30))) != null; ) seen.add(frame.data());
                assertEquals("SUCCESS", seen.isEmpty() ? "nothing" : seen.getLast(), seen.toString());
            }
        }
    }

    private static void awaitSuccess(HttpCalls http) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline) && !http.get("/api/reservations/v4/status?requestId=1").body().contains("SUCCESS")) Thread.sleep(50);
    }

    private static long firstSeat(HttpCalls http) {
        long option = http.setupConcert(1)[1];
        return Long.parseLong(http.get("/api/concerts/options/" + option + "/seats").body().replaceAll("^\\[\\{\"id\":(\\d+).*", "$1"));
    }

    /** A deployment of its own: its database, the given Redis, and a Kafka topic and group named after its database. */
    private ServerLite start(String dbUrl, String redisUrl, boolean reset) {
        String name = dbUrl.substring(dbUrl.lastIndexOf('/') + 1);
        return start(dbUrl, redisUrl, reset, "requests-" + name, "group-" + name);
    }

    private ServerLite start(String dbUrl, String redisUrl, boolean reset, String topic, String group) {
        return new ServerLite(services.serverConfig().dbUrl(dbUrl).redisUrl(redisUrl).resetRedis(reset).kafkaTopic(topic).kafkaGroup(group).build()).start();
    }

    private Jedis jedis(int database) {
        return services.privateJedis(database);
    }
}
