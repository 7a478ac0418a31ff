package dev.ticketrush.cli.suite;

import dev.ticketrush.cli.CliFailure;
import dev.ticketrush.cli.api.ApiClient;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Runs every contract check in order and collects PASS/FAIL with what differed. */
public final class ContractSuite {

    private final ApiClient api;
    private final String redisUrl;

    public ContractSuite(ApiClient api, String redisUrl) {
        this.api = api;
        this.redisUrl = redisUrl;
    }

    public List<CheckResult> run() {
        api.health();
        try (JedisPooled redis = new JedisPooled(URI.create(redisUrl)); SuiteContext context = new SuiteContext(api, redis)) {
            redis.ping();
            List<CheckResult> results = new ArrayList<>();
            for (ContractCheck check : new ContractChecks().all()) results.add(run(check, context));
            return results;
        } catch (JedisConnectionException e) {
            throw new CliFailure(CliFailure.USAGE_OR_CONNECTION, "cannot reach Redis at " + redisUrl + "; pass --redis URL");
        }
    }

    private static CheckResult run(ContractCheck check, SuiteContext context) {
        long started = System.nanoTime();
        try {
            check.body().run(context);
            return new CheckResult(check.step(), check.name(), true, elapsedMillis(started), "");
        } catch (CheckFailed failed) {
            return new CheckResult(check.step(), check.name(), false, elapsedMillis(started), failed.getMessage());
        } catch (Exception e) {
            return new CheckResult(check.step(), check.name(), false, elapsedMillis(started),
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + SuiteContext.clip(e.getMessage())));
        }
    }

    private static long elapsedMillis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
