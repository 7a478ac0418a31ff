package dev.ticketrush.server.operator;

import dev.ticketrush.server.metrics.RouteTimings.RequestCount;

/** This instance's request and error rates between two counts: what one operator stream shows each tick. */
record Traffic(RequestCount before, long beforeNanos, RequestCount now, long nowNanos) {

    static Traffic since(RequestCount count, long nanos) {
        return new Traffic(count, nanos, count, nanos);
    }

    Traffic next(RequestCount count, long nanos) {
        return new Traffic(now, nowNanos, count, nanos);
    }

    double requestsPerSecond() {
        return perSecond(now.requests() - before.requests());
    }

    double errorsPerSecond() {
        return perSecond(now.errors() - before.errors());
    }

    private double perSecond(long delta) {
        long nanos = nowNanos - beforeNanos;
        return nanos <= 0 ? 0 : Math.round(delta * 1e10 / nanos) / 10.0;
    }
}
