package dev.ticketrush.server.asyncsale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.server.infra.Outage;
import dev.ticketrush.server.reservation.SeatSale;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Consumer group {@code ticket-group}: sells the seat of each async request and records the outcome.
 * At-least-once: offsets are committed only after a batch is settled, so a killed instance's requests are
 * finished by whichever instance takes its partitions. Idempotent: a request settles once in PostgreSQL (its
 * row is written in the sale's transaction), and a redelivery answers that row and sells nothing.
 */
public final class AsyncSaleWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncSaleWorker.class);
    /** Requests settled in one transaction: long enough to save round trips, short enough to hold buyers' row locks briefly. */
    private static final int RUN = 50;

    /** The seat sale of each lock type, run inside the request's transaction. */
    public record Sales(SeatSale optimistic, SeatSale pessimistic) {
        SeatSale of(LockType lockType) {
            return lockType == LockType.PESSIMISTIC ? pessimistic : optimistic;
        }
    }

    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final String deploymentId;
    private final AtomicBoolean foreignSeen = new AtomicBoolean();
    private final BatchSettlement settlement;
    private final StatusBoard board;
    private final ObjectMapper json;
    private final SaleTally tally;
    private final int lanes;
    private final Thread loop;
    private volatile boolean running = true;

    /** @param lanes runs settled side by side, each on a connection of its own: the size of the worker's pool */
    public AsyncSaleWorker(String bootstrap, String topic, String group, String deploymentId, Sales sales, SaleRequests requests,
                           StatusBoard board, ObjectMapper json, SaleTally tally, int lanes) {
        if (lanes < 1) throw new IllegalArgumentException("the worker needs at least one lane, not " + lanes);
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000,
                // a request is fetched as soon as it is there, and an idle worker asks twice a second: waiting 20 ms
                // for 16 KB cost the idle server and broker 29% of a core (50 fetches a second), for runs no faster
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500,
                // a killed instance's partitions move on within seconds, not the 45 s default
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000),
                new StringDeserializer(), new StringDeserializer());
        this.topic = topic;
        this.deploymentId = deploymentId;
        this.settlement = requests.inBatches(sales);
        this.board = board;
        this.json = json;
        this.tally = tally;
        this.lanes = lanes;
        this.loop = Thread.ofPlatform().name("reservation-worker").daemon().unstarted(this::consume);
    }

    public AsyncSaleWorker start() {
        consumer.subscribe(List.of(topic));
        loop.start();
        return this;
    }

    private void consume() {
        try (var lanesInParallel = Executors.newVirtualThreadPerTaskExecutor()) {
            while (running) {
                ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(200));
                if (batch.isEmpty()) continue;
                try {
                    processInLanes(batch, lanesInParallel);
                    commitSigned(batch);
                } catch (WakeupException stopping) {
                    throw stopping;
                } catch (RuntimeException e) {
                    if (Outage.dependencyOf(e).isEmpty()) LOG.warn("reservation batch failed, retrying it: {}", e.toString());
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

    /**
     * Requests of one seat share a lane and run in it in order; lanes run side by side. A seat's requests share a
     * partition too, so a lane holds them in the order Kafka gave them.
     */
    private void processInLanes(ConsumerRecords<String, String> batch, ExecutorService pool) {
        List<Future<?>> settling = bySeat(batch).stream().filter(lane -> !lane.isEmpty())
                .<Future<?>>map(lane -> pool.submit(() -> handle(lane)))
                .toList();
        for (Future<?> lane : settling) {
            try {
                lane.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
    }

    /** The batch's records in lanes by their key, the seat; a record without one keeps to its partition's lane. */
    private List<List<ConsumerRecord<String, String>>> bySeat(ConsumerRecords<String, String> batch) {
        List<List<ConsumerRecord<String, String>>> split = new ArrayList<>(lanes);
        for (int i = 0; i < lanes; i++) split.add(new ArrayList<>());
        for (ConsumerRecord<String, String> record : batch) {
            int hash = record.key() == null ? record.partition() : record.key().hashCode();
            split.get(Math.floorMod(hash, lanes)).add(record);
        }
        return split;
    }

    /** Commits the batch with this deployment's id as each offset's metadata: the group's signature. */
    private void commitSigned(ConsumerRecords<String, String> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : batch.partitions()) {
            offsets.put(partition, new OffsetAndMetadata(batch.records(partition).getLast().offset() + 1, deploymentId));
        }
        consumer.commitSync(offsets);
    }

    private void rewind(ConsumerRecords<String, String> batch) {
        for (TopicPartition partition : batch.partitions()) {
            consumer.seek(partition, batch.records(partition).getFirst().offset());
        }
    }

    void handle(ConsumerRecord<String, String> record) {
        handle(List.of(record));
    }

    /**
     * One lane's records of a poll, in order, in runs of at most {@value #RUN}: every request of a run marked
     * PROCESSING, the run settled in one transaction, every outcome recorded.
     */
    void handle(List<ConsumerRecord<String, String>> records) {
        List<BatchSettlement.Pending> pending = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) read(record).ifPresent(pending::add);
        for (int from = 0; from < pending.size(); from += RUN) {
            List<BatchSettlement.Pending> run = pending.subList(from, Math.min(pending.size(), from + RUN));
            board.recordAll(run.stream().map(p -> new SaleOutcome(p.requestId(), p.request().userId(), p.request().seatId(), SaleStatus.PROCESSING, null))
                    .toList());
            List<SaleOutcome> outcomes = settlement.settle(run);
            board.recordAll(outcomes);
            outcomes.forEach(outcome -> tally.counted(outcome.status()));
        }
    }

    /** The request a record carries, if it is ours and readable. */
    private Optional<BatchSettlement.Pending> read(ConsumerRecord<String, String> record) {
        if (!ours(record)) return Optional.empty();
        SaleRequest request;
        try {
            request = json.readValue(record.value(), SaleRequest.class);
        } catch (JsonProcessingException e) {
            LOG.warn("skipping unreadable reservation message at offset {}: {}", record.offset(), e.getOriginalMessage());
            return Optional.empty();
        }
        long requestId = request.requestId() != null ? request.requestId() : foreignId(record);
        LocalDateTime acceptedAt = LocalDateTime.ofInstant(Instant.ofEpochMilli(record.timestamp()), ZoneId.systemDefault());
        return Optional.of(new BatchSettlement.Pending(requestId, request, acceptedAt));
    }

    /** A message another deployment produced is never acted on here: it names that deployment's seats and buyers. */
    private boolean ours(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader(SaleIntake.DEPLOYMENT_HEADER);
        if (header == null || deploymentId.equals(new String(header.value(), StandardCharsets.UTF_8))) return true;
        if (!foreignSeen.getAndSet(true)) {
            LOG.error("topic {} carries requests of another deployment ({}); they are skipped here: give each deployment its own topic and group",
                    topic, new String(header.value(), StandardCharsets.UTF_8));
        }
        return false;
    }

    /** A request from a producer that gave no id: a negative id from its place in the log, the same on every redelivery. */
    static long foreignId(ConsumerRecord<String, String> record) {
        return -(record.partition() * 1_000_000_000_000L + record.offset() + 1);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Requests on this consumer's partitions not yet consumed, as of its last fetch: the sum of Kafka's own per-partition lag. */
    public long lag() {
        double lag = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : consumer.metrics().entrySet()) {
            MetricName name = metric.getKey();
            if (!"records-lag".equals(name.name()) || !name.tags().containsKey("partition")) continue;
            if (metric.getValue().metricValue() instanceof Double partitionLag && !partitionLag.isNaN()) lag += partitionLag;
        }
        return (long) lag;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        loop.join(10_000);
    }
}
