package dev.ticketrush.server.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.config.TopicConfig;
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
    private static final int MAX_REPLICAS = 3;

    private final Admin admin;

    public KafkaTopics(String bootstrap) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000,
                // a broker still starting is tried again every 200 ms at most, not after backoffs growing to 1 s
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
    }

    /**
     * Creates the topic unless it exists, with up to three copies of each partition, as many as the cluster has brokers;
     * with three, a write needs two of them ({@code acks=all}), so one broker may be lost without losing a request.
     */
    public void ensureTopic(String topic) {
        short replicas = (short) Math.min(MAX_REPLICAS, brokerCount());
        NewTopic newTopic = new NewTopic(topic, PARTITIONS, replicas);
        if (replicas == MAX_REPLICAS) newTopic.configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2"));
        try {
            admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Kafka did not create topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (Exception e) {
            throw new DependencyUnavailable("kafka", "Kafka is not reachable: " + e.getMessage(), e);
        }
    }

    private int brokerCount() {
        try {
            return admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
        } catch (Exception e) {
            throw new DependencyUnavailable("kafka", "Kafka is not reachable: " + e.getMessage(), e);
        }
    }

    /** Refuses a consumer group whose committed offsets are signed by another deployment. */
    public void requireGroupServes(String group, String deploymentId) {
        Map<?, OffsetAndMetadata> offsets;
        try {
            offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new DependencyUnavailable("kafka", "Kafka is not reachable: " + e.getMessage(), e);
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
