package dev.ticketrush.server.asyncsale;

/** How the worker sells the seat of an async request. */
public enum LockType {
    OPTIMISTIC, PESSIMISTIC
}
