package dev.ticketrush.cli;

import dev.ticketrush.cli.suite.CheckResult;
import dev.ticketrush.cli.suite.ContractSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "suite", mixinStandardHelpOptions = true,
        description = {"The scripted regression: one check per contract step v1..v7, each on fresh data, printed as a PASS/FAIL table.",
                "Uses the HTTP API alone, so it runs against any server of the contract; against a server that does not speak it,",
                "one line and exit 2."})
final class SuiteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Mixin
    JsonOutput json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<CheckResult> results;
        try {
            results = new ContractSuite(client.api()).run();
        } catch (CliFailure notTheContract) {
            // scripts reading --json get an answer on stdout too; the one line still goes to stderr
            if (json.enabled()) JsonOutput.print(out, Map.of("passed", false, "error", notTheContract.getMessage()));
            throw notTheContract;
        }
        boolean allPassed = results.stream().allMatch(CheckResult::passed);
        if (json.enabled()) {
            JsonOutput.print(out, Map.of("passed", allPassed, "checks", results));
        } else {
            out.printf("%-5s %-48s %-5s %8s  %s%n", "STEP", "CHECK", "", "MS", "DETAIL");
            for (CheckResult r : results) {
                out.printf("%-5s %-48s %-5s %8d  %s%n", r.step(), r.check(), r.passed() ? "PASS" : "FAIL", r.millis(), r.detail());
            }
            out.printf("%d of %d checks passed%n", results.stream().filter(CheckResult::passed).count(), results.size());
        }
        return allPassed ? 0 : CliFailure.CHECK_FAILED;
    }
}
