package dev.ticketrush.server.infra;

/** A dependency the request needs (PostgreSQL, Redis or Kafka) is down or overloaded right now: try again later. */
public final class DependencyUnavailable extends RuntimeException {

    private final String dependency;

    public DependencyUnavailable(String dependency, String message, Throwable cause) {
        super(message, cause);
        this.dependency = dependency;
    }

    public String dependency() {
        return dependency;
    }
}
