package dev.ticketrush.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketrush.cli.api.ApiClient;
import dev.ticketrush.cli.api.ApiError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.io.PrintWriter;
import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"A concert at a glance: waiting-room length, active buyers, sold and available seats, async requests by status.",
                "Seats come from the API; the queue and the async status keys are read from Redis directly."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Option(names = "--concert", required = true, description = "The concert to report on.")
    long concertId;

    @Mixin
    RedisOptions redisAt;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        ApiClient api = client.api();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("concertId", concertId);
        Set<Long> seats = new HashSet<>();
        int sold = 0;
        for (var option : api.options(concertId)) {
            for (JsonNode seat : api.seatAudit(option.id())) {
                seats.add(seat.path("seatId").asLong());
                if (!"AVAILABLE".equals(seat.path("status").asText())) sold++;
            }
        }
        report.put("seats", seats.size());
        report.put("sold", sold);
        report.put("available", seats.size() - sold);
        try (JedisPooled redis = new JedisPooled(URI.create(redisAt.url))) {
            report.put("waiting", redis.zcard("waiting-queue:" + concertId));
            report.put("asyncRequests", asyncRequestsByStatus(redis, seats));
        } catch (JedisConnectionException e) {
            throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, "cannot reach Redis at " + redisAt.url + "; pass --redis URL");
        }
        overview(api).ifPresent(o -> {
            report.put("active", o.path("active").asLong());
            report.put("admissionsPerSecond", o.path("admissionsPerSecond").asDouble());
            report.put("estimatedWaitSecondsForLast", o.path("estimatedWaitSecondsForLast").asLong());
        });
        print(api, report);
        return 0;
    }

    /** Counts {@code reservation:status:{userId}:{seatId}} keys of this concert's seats by value, in one SCAN pass. */
    private static Map<String, Integer> asyncRequestsByStatus(JedisPooled redis, Set<Long> seats) {
        Map<String, Integer> byStatus = new TreeMap<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams match = new ScanParams().match("reservation:status:*").count(1_000);
        do {
            ScanResult<String> page = redis.scan(cursor, match);
            List<String> ours = page.getResult().stream().filter(key -> seats.contains(seatOf(key))).toList();
            if (!ours.isEmpty()) {
                for (String status : redis.mget(ours.toArray(String[]::new))) {
                    if (status != null) byStatus.merge(status, 1, Integer::sum);
                }
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return byStatus;
    }

    private static long seatOf(String key) {
        try {
            return Long.parseLong(key.substring(key.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private java.util.Optional<JsonNode> overview(ApiClient api) {
        try {
            return java.util.Optional.of(api.waitingRoomOverview(concertId));
        } catch (ApiError e) {
            return java.util.Optional.empty();
        }
    }

    private void print(ApiClient api, Map<String, Object> report) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(api.toJson(report));
            return;
        }
        report.forEach((name, value) -> out.printf("%-28s %s%n", name, value));
    }
}
