package dev.ticketrush.server.asyncqueue;

/** How the worker sells the seat of a queued request. */
public enum LockType {
    OPTIMISTIC, PESSIMISTIC
}
