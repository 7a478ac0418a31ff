package dev.ticketrush.cli.suite;

/** One step of the scripted regression: a name, the contract step it proves, and the check itself. */
record ContractCheck(String step, String name, Body body) {

    @FunctionalInterface
    interface Body {
        /** Returns normally when the server honours the step; throws {@link CheckFailed} with what differed. */
        void run(SuiteContext context) throws Exception;
    }
}
