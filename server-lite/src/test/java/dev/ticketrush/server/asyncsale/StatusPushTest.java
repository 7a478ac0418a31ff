package dev.ticketrush.server.asyncsale;

import dev.ticketrush.embedded.TcpRelay;
import dev.ticketrush.server.infra.RedisConnection;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.api.RedissonClient;
import redis.clients.jedis.Jedis;

import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(TestServices.Extension.class)
class StatusPushTest {

    private static final String CHANNEL = "status-push-test";

    private final TestServices services;

    StatusPushTest(TestServices services) {
        this.services = services;
    }

    @Test
    void aSubscriberIsToldToReadAgainWhenNewsWasPublishedWhileTheSubscriptionWasDown() throws Exception {
        URI redis = URI.create(services.privateRedisUrl(7));
        try (TcpRelay relay = new TcpRelay(redis.getHost(), redis.getPort());
             Jedis publisher = services.privateJedis(7)) {
            RedissonClient client = RedisConnection.open("redis://127.0.0.1:" + relay.port() + "/7");
            try (StatusPush push = new StatusPush(client, CHANNEL)) {
                BlockingQueue<StatusNews> news = push.subscribe(StatusSubject.request(7));
                publisher.publish(CHANNEL, "7:1:2:PROCESSING");
                assertEquals(new StatusNews(SaleStatus.PROCESSING), news.poll(10, TimeUnit.SECONDS), "news arrives while subscribed");

                relay.cut();
                Thread.sleep(1_000);
                publisher.publish(CHANNEL, "7:1:2:SUCCESS");
                relay.restore();

                StatusNews heard = news.poll(60, TimeUnit.SECONDS);
                assertTrue(heard != null && heard.maybeMissed(), "told to read the record again, not left waiting: " + heard);
            } finally {
                client.shutdown();
            }
        }
    }
}
