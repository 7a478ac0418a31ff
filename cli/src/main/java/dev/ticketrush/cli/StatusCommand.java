package dev.ticketrush.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketrush.cli.api.Api;
import dev.ticketrush.cli.api.ApiClient;
import dev.ticketrush.cli.api.ApiError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"A concert at a glance: waiting-room length, active buyers, sold and available seats, async requests by status.",
                "Everything is read from the server's endpoints, so it shows what that server holds and nothing else."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    JsonOutput json;

    @Option(names = "--concert", required = true, description = "The concert to report on.")
    long concertId;

    @Override
    public Integer call() {
        ApiClient api = client.api();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("concertId", concertId);
        Api.SeatCount count = api.seatCount(concertId);
        report.put("seats", count.seats());
        report.put("sold", count.sold());
        report.put("available", count.available());
        overview(api).ifPresent(room -> {
            report.put("waiting", room.path("waiting").asLong());
            report.put("active", room.path("active").asLong());
            report.put("admissionsPerSecond", room.path("admissionsPerSecond").asDouble());
            report.put("estimatedWaitSecondsForLast", room.path("estimatedWaitSecondsForLast").asLong());
        });
        report.put("asyncRequests", api.asyncRequests(concertId));
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) JsonOutput.print(out, report);
        else report.forEach((name, value) -> out.printf("%-28s %s%n", name, value));
        return 0;
    }

    private Optional<JsonNode> overview(ApiClient api) {
        try {
            return Optional.of(api.waitingRoomOverview(concertId));
        } catch (ApiError noRoom) {
            return Optional.empty();
        }
    }
}
