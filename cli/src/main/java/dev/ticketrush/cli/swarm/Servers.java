package dev.ticketrush.cli.swarm;

import dev.ticketrush.cli.api.ApiClient;
import dev.ticketrush.cli.api.ServerUnreachable;

import java.util.List;
import java.util.function.Function;

/** The instances a rush spreads over; reads that must not fail with one instance go through the others. */
final class Servers {

    private final List<ApiClient> all;

    Servers(List<String> urls, String adminToken) {
        this.all = urls.stream().map(url -> new ApiClient(url, adminToken)).toList();
    }

    ApiClient first() {
        return all.getFirst();
    }

    /** Buyer i's instance, as a buyer sees it (no admin token): round-robin. */
    ApiClient of(int buyer) {
        return all.get(buyer % all.size()).asBuyer();
    }

    /** Asks instance {@code preferred} first, then each other in turn while they cannot be reached. */
    <T> T anyLive(int preferred, Function<ApiClient, T> call) {
        ServerUnreachable last = null;
        for (int i = 0; i < all.size(); i++) {
            try {
                return call.apply(all.get((preferred + i) % all.size()));
            } catch (ServerUnreachable down) {
                last = down;
            }
        }
        throw last;
    }
}
