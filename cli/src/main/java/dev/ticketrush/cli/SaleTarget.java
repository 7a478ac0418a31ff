package dev.ticketrush.cli;

import dev.ticketrush.cli.api.Api;
import dev.ticketrush.cli.api.ApiClient;
import picocli.CommandLine.Option;

import java.util.List;

/** Which sale a command works on: a concert (all or first of its options) or one option. */
final class SaleTarget {

    @Option(names = "--concert", description = "The concert (rush uses its first option, verify all of them).")
    Long concertId;

    @Option(names = "--option", description = "One concert option.")
    Long optionId;

    List<Long> options(ApiClient api) {
        return optionId != null ? List.of(optionId) : api.options(concertId).stream().map(Api.Option::id).toList();
    }
}
