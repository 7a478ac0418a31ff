package dev.ticketrush.cli;

import dev.ticketrush.cli.api.Api;
import dev.ticketrush.cli.api.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "concerts", mixinStandardHelpOptions = true,
        description = "List concerts with their option ids and how many seats each option still has.")
final class ConcertsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() {
        ApiClient api = client.api();
        List<Api.ConcertListing> listing = api.concerts().stream().map(concert -> new Api.ConcertListing(
                concert.id(), concert.title(), concert.artistName(),
                api.options(concert.id()).stream()
                        .map(option -> new Api.OptionListing(option.id(), option.concertDate(), api.availableSeats(option.id()).size()))
                        .toList())).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            JsonOutput.print(out, listing);
            return 0;
        }
        if (listing.isEmpty()) out.println("No concerts yet: create one with 'ticket-rush setup'.");
        else out.printf("%-8s %-30s %-20s %-8s %-20s %s%n", "CONCERT", "TITLE", "ARTIST", "OPTION", "DATE", "AVAILABLE");
        for (Api.ConcertListing concert : listing) {
            for (Api.OptionListing option : concert.options()) {
                out.printf("%-8d %-30s %-20s %-8d %-20s %d%n", concert.id(), clip(concert.title(), 30), clip(concert.artistName(), 20),
                        option.id(), option.concertDate(), option.availableSeats());
            }
        }
        return 0;
    }

    private static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "~";
    }
}
