package dev.ticketrush.cli;

import dev.ticketrush.cli.api.Api;
import dev.ticketrush.server.concert.ConcertRoutes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

@Command(name = "setup", mixinStandardHelpOptions = true,
        description = "Create a concert with one date and its seats A-1..A-n; prints the concert and option ids.")
final class SetupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Option(names = "--title", required = true, description = "Concert title.")
    String title;

    @Option(names = "--artist", required = true, description = "Artist name.")
    String artist;

    @Option(names = "--agency", defaultValue = "Ticket-Rush", description = "Agency name (default: ${DEFAULT-VALUE}).")
    String agency;

    @Option(names = "--seats", required = true, description = "Number of seats, 1 to " + ConcertRoutes.MAX_SEATS + ".")
    int seats;

    @Option(names = "--date", paramLabel = "YYYY-MM-DDTHH:MM:SS", description = "Concert date-time, local (default: 30 days from now, 19:00).")
    String date;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() {
        if (seats < 1 || seats > ConcertRoutes.MAX_SEATS) {
            throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, "--seats must be between 1 and " + ConcertRoutes.MAX_SEATS + ", got " + seats);
        }
        var api = client.api();
        Api.SetupResult result = api.setup(new Api.Setup(title, artist, agency, concertDate(), seats));
        var out = spec.commandLine().getOut();
        if (json.enabled()) {
            JsonOutput.print(out, result);
        } else {
            out.printf("Concert %d (option %d): \"%s\" by %s, %d seats%n", result.concertId(), result.optionId(), title, artist, seats);
        }
        return 0;
    }

    private String concertDate() {
        if (date == null) return LocalDateTime.now().plusDays(30).withHour(19).truncatedTo(ChronoUnit.HOURS).toString() + ":00";
        try {
            return LocalDateTime.parse(date).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, "--date must look like 2026-02-15T19:00:00, got " + date);
        }
    }
}
