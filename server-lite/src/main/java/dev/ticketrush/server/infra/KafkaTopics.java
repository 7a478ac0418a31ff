package dev.ticketrush.server.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** The Kafka admin side: makes sure the reservation topic exists and answers health checks. */
public final class KafkaTopics implements AutoCloseable {

    public static final String RESERVATION_EVENTS = "ticket-reservation-events";
    private static final int PARTITIONS = 6;

    private final Admin admin;

    public KafkaTopics(String bootstrap) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    public void ensureReservationTopic() {
        try {
            admin.createTopics(List.of(new NewTopic(RESERVATION_EVENTS, PARTITIONS, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Kafka did not create topic " + RESERVATION_EVENTS + ": " + e.getCause().getMessage(), e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Kafka is not reachable: " + e.getMessage(), e);
        }
    }

    public boolean isReachable() {
        try {
            admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
