package dev.ticketrush.server.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka admin side: makes sure the reservation topic exists, checks that the consumer group serves this
 * deployment only, and answers health checks. The worker signs every offset it commits with its deployment id,
 * so a second deployment pointed at the same group would find the first one's name there and refuse to start.
 */
public final class KafkaTopics implements AutoCloseable {

    /** The contract's topic and consumer group. */
    public static final String RESERVATION_EVENTS = "ticket-reservation-events";
    public static final String GROUP = "ticket-group";
    private static final int PARTITIONS = 6;

    private final Admin admin;

    public KafkaTopics(String bootstrap) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    public void ensureTopic(String topic) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Kafka did not create topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Kafka is not reachable: " + e.getMessage(), e);
        }
    }

    /** Refuses a consumer group whose committed offsets are signed by another deployment. */
    public void requireGroupServes(String group, String deploymentId) {
        Map<?, OffsetAndMetadata> offsets;
        try {
            offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka is not reachable: " + e.getMessage(), e);
        }
        offsets.values().stream().filter(o -> o != null && !o.metadata().isEmpty() && !o.metadata().equals(deploymentId)).findAny()
                .ifPresent(foreign -> {
                    throw new IllegalStateException("Kafka consumer group " + group + " already serves deployment " + foreign.metadata()
                            + ": give this deployment its own group and topic (--kafka-group, --kafka-topic) or its own Kafka");
                });
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
