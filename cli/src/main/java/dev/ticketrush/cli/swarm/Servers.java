package dev.ticketrush.cli.swarm;

import dev.ticketrush.cli.api.ApiClient;
import dev.ticketrush.cli.api.ServerUnreachable;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The instances a rush spreads over; reads that must not fail with one instance go through the others. */
final class Servers {

    private final List<ApiClient> all;
    /** The same instances as a buyer sees them, without the admin token; one client each, shared by every buyer. */
    private final List<ApiClient> asBuyers;
    private final Set<String> down = ConcurrentHashMap.newKeySet();

    Servers(List<String> urls, String adminToken) {
        this.all = urls.stream().map(url -> new ApiClient(url, adminToken)).toList();
        this.asBuyers = all.stream().map(ApiClient::asBuyer).toList();
    }

    ApiClient first() {
        return all.getFirst();
    }

    /** Buyer i's instance, as a buyer sees it (no admin token): round-robin. */
    ApiClient of(int buyer) {
        return asBuyers.get(buyer % all.size());
    }

    /** Buyer i's instance, then the others, without those known down: where a balancer would send the buyer's browser. */
    List<ApiClient> routeFor(int buyer) {
        List<ApiClient> route = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            ApiClient instance = asBuyers.get((buyer + i) % all.size());
            if (!down.contains(instance.baseUrl())) route.add(instance);
        }
        return route;
    }

    /** Remembers an instance that refused a connection, so later buyers go elsewhere at once. */
    void markDown(ApiClient instance) {
        down.add(instance.baseUrl());
    }

    /** Every instance, with the admin token. */
    List<ApiClient> all() {
        return all;
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
