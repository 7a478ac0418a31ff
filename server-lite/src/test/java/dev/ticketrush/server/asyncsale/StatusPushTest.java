package dev.ticketrush.server.asyncsale;

import dev.ticketrush.embedded.TcpRelay;
import dev.ticketrush.server.infra.LuaScripts;
import dev.ticketrush.server.infra.RedisConnection;
import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.api.RedissonClient;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    @Test
    void eachStatusOfARunRecordedTogetherReachesItsOwnSubscribersOnly() throws Exception {
        String url = services.privateRedisUrl(8);
        RedissonClient client = RedisConnection.open(url);
        try (JedisPooled jedis = RedisConnection.openForScripts(url); LuaScripts scripts = new LuaScripts(jedis)) {
            StatusBoard board = new StatusBoard(client, scripts, "status-push-test");
            try (StatusPush push = new StatusPush(client, board.channel())) {
                BlockingQueue<StatusNews> byRequest = push.subscribe(StatusSubject.request(101));
                BlockingQueue<StatusNews> byPair = push.subscribe(StatusSubject.pair(2, 202));
                BlockingQueue<StatusNews> bystander = push.subscribe(StatusSubject.request(103));

                board.recordAll(List.of(new SaleOutcome(101, 1, 201, SaleStatus.SUCCESS, 9L),
                        new SaleOutcome(102, 2, 202, SaleStatus.FAIL_ALREADY_RESERVED, null)));

                assertEquals(new StatusNews(SaleStatus.SUCCESS), byRequest.poll(10, TimeUnit.SECONDS));
                assertEquals(new StatusNews(SaleStatus.FAIL_ALREADY_RESERVED), byPair.poll(10, TimeUnit.SECONDS));
                assertNull(bystander.poll(500, TimeUnit.MILLISECONDS), "no news of a request that did not change");
                assertEquals(Optional.of(SaleStatus.SUCCESS), board.ofRequest(101));
                assertEquals(Optional.of(new StatusBoard.PairStatus(SaleStatus.FAIL_ALREADY_RESERVED, 102L)), board.ofPair(2, 202));

                board.recordAll(List.of(new SaleOutcome(101, 1, 201, SaleStatus.PROCESSING, null)));
                assertEquals(Optional.of(SaleStatus.SUCCESS), board.ofRequest(101), "a late PROCESSING in a run never replaces a final status");
                assertNull(byRequest.poll(500, TimeUnit.MILLISECONDS), "and is not announced");
            }
        } finally {
            client.shutdown();
        }
    }
}
