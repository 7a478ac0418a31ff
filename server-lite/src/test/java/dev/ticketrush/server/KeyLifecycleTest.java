package dev.ticketrush.server;

import dev.ticketrush.server.testing.HttpCalls;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every Redis key has a TTL or an owner that deletes it: sale after sale, the key count levels off. */
@ExtendWith(TestServices.Extension.class)
class KeyLifecycleTest {

    /** Keys that live without a TTL, each with the owner that deletes it. */
    private static final Pattern OWNED = Pattern.compile(
            "ticket-rush:deployment"                        // the server's claim, for as long as the deployment uses this Redis
                    + "|waiting-rooms"                      // the ticker removes a concert once its line is empty
                    + "|waiting-queue:\\d+"                 // emptied by admission, deleted with the concert
                    + "|waiting-room:throttle:\\d+"         // deleted with the concert
                    + "|waiting-room:admitted-total:\\d+"); // deleted with the concert

    private final TestServices services;

    KeyLifecycleTest(TestServices services) {
        this.services = services;
    }

    @Test
    void saleAfterSaleTheKeysLevelOffAndEveryOneHasATtlOrAnOwner() throws Exception {
        var config = services.serverConfig().redisUrl(services.privateRedisUrl(7)).admissionTtlSeconds(2L).kafkaTopic("lifecycle-requests")
                .kafkaGroup("lifecycle-group");
        try (ServerLite server = new ServerLite(config.build()).start(); Jedis jedis = jedis(7)) {
            HttpCalls http = new HttpCalls(server.baseUrl());
            long baseline = jedis.dbSize();
            List<Long> sizes = new ArrayList<>();
            Instant end = Instant.now().plusSeconds(30);
            int cycles = 0;
            while (Instant.now().isBefore(end) || cycles < 6) {
                sale(http, jedis);
                sizes.add(jedis.dbSize());
                cycles++;
            }
            System.out.printf("Redis keys after each of %d sales: %s%n", cycles, sizes);
            // admissions live 2 s here, so the count climbs for 2 s of sales and then holds, whatever the rate
            long middlePeak = peak(sizes, sizes.size() / 3, 2 * sizes.size() / 3);
            long latePeak = peak(sizes, 2 * sizes.size() / 3, sizes.size());
            assertTrue(latePeak <= middlePeak * 3 / 2 + 20, "keys level off: " + sizes);
            List<String> unowned = new ArrayList<>();
            for (String key : allKeys(jedis)) {
                // -1: no expiry; -2: it expired between the scan and now
                if (jedis.pttl(key) == -1 && !OWNED.matcher(key).matches()) unowned.add(key);
            }
            assertEquals(List.of(), unowned, "keys with neither a TTL nor an owner");
            Thread.sleep(3_000);
            assertTrue(jedis.dbSize() <= baseline + 5, "once the last admission ran out, the keys are back where they started: " + jedis.dbSize());
        }
    }

    /** One small sale: a line, admissions, async requests settled, then the concert cleaned up; none of its keys is left. */
    private void sale(HttpCalls http, Jedis jedis) throws Exception {
        long[] ids = http.setupConcert(5);
        long concert = ids[0];
        http.put("/api/v1/waiting-queue/config/" + concert, "{\"capacity\":100,\"admitCount\":20,\"admitIntervalMs\":100}");
        long[] seats = services.seatIds(ids[1]);
        long[] users = services.createUsers(12);
        for (long user : users) http.post("/api/v1/waiting-queue/join", "{\"userId\":" + user + ",\"concertId\":" + concert + "}");
        List<Long> requests = new ArrayList<>();
        for (int i = 0; i < users.length; i++) {
            String accepted = http.buy("/api/reservations/v4-opt/queue-polling", users[i], seats[i % seats.length]).body();
            requests.add(Long.parseLong(accepted.replaceAll(".*\"requestId\":(\\d+).*", "$1")));
        }
        Instant deadline = Instant.now().plusSeconds(60);
        String ids2 = requests.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow();
        while (services.sqlNumber("SELECT count(*) FROM sale_request WHERE id IN (" + ids2 + ")") < requests.size() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertEquals(200, http.delete("/api/concerts/cleanup/" + concert).statusCode());
        Set<String> left = new java.util.HashSet<>(jedis.keys("waiting-*:" + concert));
        for (long seat : seats) {
            left.addAll(jedis.keys("reservation:status:*:" + seat));
            left.addAll(jedis.keys("reservation:latest:*:" + seat));
        }
        for (long request : requests) left.addAll(jedis.keys("reservation:request:" + request));
        assertEquals(Set.of(), left, "keys of a cleaned-up concert");
    }

    private static long peak(List<Long> sizes, int from, int to) {
        return sizes.subList(from, to).stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    private static List<String> allKeys(Jedis jedis) {
        List<String> keys = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            var page = jedis.scan(cursor, new ScanParams().count(1_000));
            keys.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return keys;
    }

    private Jedis jedis(int database) {
        return services.privateJedis(database);
    }
}
