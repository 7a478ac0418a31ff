package dev.ticketrush.server.asyncqueue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.server.http.NotFound;
import dev.ticketrush.server.infra.KafkaTopics;
import dev.ticketrush.server.reservation.LostRace;
import dev.ticketrush.server.reservation.ReservationStore;
import dev.ticketrush.server.reservation.Reserver;
import dev.ticketrush.server.reservation.SeatTaken;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Consumer group {@code ticket-group}: sells the seat of each queued request and records the outcome.
 * At-least-once: offsets are committed only after a batch is processed, so a killed instance's requests
 * are finished by whichever instance takes its partitions. Idempotent: a redelivered request never sells
 * twice (the database refuses) and never turns a SUCCESS into a FAIL (the status board refuses).
 */
public final class ReservationWorker implements AutoCloseable {

    public static final String GROUP = "ticket-group";
    private static final Logger LOG = LoggerFactory.getLogger(ReservationWorker.class);

    /** The sellers per lock type and the reservations they write. */
    public record Sellers(Reserver optimistic, Reserver pessimistic, ReservationStore reservations) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final Sellers sellers;
    private final StatusBoard board;
    private final ObjectMapper json;
    private final Thread loop;
    private volatile boolean running = true;

    public ReservationWorker(String bootstrap, Sellers sellers, StatusBoard board, ObjectMapper json) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200,
                // a killed instance's partitions move on within seconds, not the 45 s default
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000),
                new StringDeserializer(), new StringDeserializer());
        this.sellers = sellers;
        this.board = board;
        this.json = json;
        this.loop = Thread.ofPlatform().name("reservation-worker").daemon().unstarted(this::consume);
    }

    public ReservationWorker start() {
        consumer.subscribe(List.of(KafkaTopics.RESERVATION_EVENTS));
        loop.start();
        return this;
    }

    private void consume() {
        try (var partitionsInParallel = Executors.newVirtualThreadPerTaskExecutor()) {
            while (running) {
                ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(200));
                if (batch.isEmpty()) continue;
                try {
                    processByPartition(batch, partitionsInParallel);
                    consumer.commitSync();
                } catch (WakeupException stopping) {
                    throw stopping;
                } catch (RuntimeException e) {
                    LOG.warn("reservation batch failed, retrying it: {}", e.toString());
                    rewind(batch);
                    pause(Duration.ofSeconds(1));
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the consumer up
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Requests of one seat share a partition, so each partition runs in order and partitions run side by side. */
    private void processByPartition(ConsumerRecords<String, String> batch, java.util.concurrent.ExecutorService pool) {
        List<Future<?>> partitions = batch.partitions().stream()
                .<Future<?>>map(partition -> pool.submit(() -> batch.records(partition).forEach(this::handle)))
                .toList();
        for (Future<?> partition : partitions) {
            try {
                partition.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
    }

    private void rewind(ConsumerRecords<String, String> batch) {
        for (TopicPartition partition : batch.partitions()) {
            consumer.seek(partition, batch.records(partition).getFirst().offset());
        }
    }

    void handle(ConsumerRecord<String, String> record) {
        ReservationEvent event;
        try {
            event = json.readValue(record.value(), ReservationEvent.class);
        } catch (JsonProcessingException e) {
            LOG.warn("skipping unreadable reservation message at offset {}: {}", record.offset(), e.getOriginalMessage());
            return;
        }
        if (!board.move(event.userId(), event.seatId(), AsyncStatus.PROCESSING)) return;
        board.move(event.userId(), event.seatId(), outcome(event));
    }

    private String outcome(ReservationEvent event) {
        Reserver seller = event.lockType() == LockType.PESSIMISTIC ? sellers.pessimistic() : sellers.optimistic();
        try {
            seller.reserve(event.userId(), event.seatId());
            return AsyncStatus.SUCCESS;
        } catch (SeatTaken | LostRace refused) {
            // a redelivery of a request that already sold: its own earlier run holds the seat
            if (sellers.reservations().holds(event.userId(), event.seatId())) return AsyncStatus.SUCCESS;
            if (refused instanceof SeatTaken) return AsyncStatus.FAIL_ALREADY_RESERVED;
            return event.lockType() == LockType.OPTIMISTIC ? AsyncStatus.FAIL_OPTIMISTIC_CONFLICT : AsyncStatus.FAIL;
        } catch (NotFound unknown) {
            return AsyncStatus.FAIL_DATA_NOT_FOUND;
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        loop.join(10_000);
    }
}
