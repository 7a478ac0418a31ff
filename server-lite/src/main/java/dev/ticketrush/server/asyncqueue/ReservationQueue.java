package dev.ticketrush.server.asyncqueue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketrush.server.http.Unavailable;
import dev.ticketrush.server.infra.KafkaTopics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Puts async reservation requests durably in Kafka (acks=all, idempotent producer) before the 202 is answered. */
public final class ReservationQueue implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final StatusBoard board;
    private final ObjectMapper json;

    public ReservationQueue(String bootstrap, StatusBoard board, ObjectMapper json) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
                new StringSerializer(), new StringSerializer());
        this.board = board;
        this.json = json;
    }

    /** Marks the request PENDING and returns once Kafka has it; a request already in flight or sold is not sent again. */
    public void enqueue(ReservationEvent event) {
        if (!board.claim(event.userId(), event.seatId())) return;
        try {
            producer.send(new ProducerRecord<>(KafkaTopics.RESERVATION_EVENTS, Long.toString(event.seatId()), toJson(event)))
                    .get(20, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            board.release(event.userId(), event.seatId());
            throw new Unavailable("Reservation queue unavailable: " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            board.release(event.userId(), event.seatId());
            throw new Unavailable("Interrupted while enqueueing", e);
        }
    }

    private String toJson(ReservationEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
