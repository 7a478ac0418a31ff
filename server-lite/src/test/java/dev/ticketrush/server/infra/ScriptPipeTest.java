package dev.ticketrush.server.infra;

import dev.ticketrush.server.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(TestServices.Extension.class)
class ScriptPipeTest {

    private static final int CALLERS = 2_000;
    private final TestServices services;

    ScriptPipeTest(TestServices services) {
        this.services = services;
    }

    @Test
    void everyConcurrentCallerGetsItsOwnReply() throws Exception {
        try (JedisPooled redis = RedisConnection.openForScripts(services.privateRedisUrl(5)); ScriptPipe pipe = new ScriptPipe(redis)) {
            String echo = redis.scriptLoad("return 'reply to ' .. ARGV[1]");
            List<Future<Object>> replies = fromEveryCaller(pipe, echo);
            for (int i = 0; i < CALLERS; i++) assertEquals("reply to " + i, replies.get(i).get());
        }
    }

    @Test
    void aFailingScriptFailsOnlyItsOwnCallerInABatch() throws Exception {
        try (JedisPooled redis = RedisConnection.openForScripts(services.privateRedisUrl(5)); ScriptPipe pipe = new ScriptPipe(redis)) {
            String oddFails = redis.scriptLoad("if tonumber(ARGV[1]) % 2 == 1 then return redis.error_reply('odd ' .. ARGV[1]) end return ARGV[1]");
            List<Future<Object>> replies = fromEveryCaller(pipe, oddFails);
            for (int i = 0; i < CALLERS; i += 2) assertEquals(Integer.toString(i), replies.get(i).get());
            for (int i = 1; i < CALLERS; i += 2) {
                Exception failure = assertThrows(Exception.class, replies.get(i)::get);
                assertTrue(failure.getCause() instanceof JedisDataException && failure.getCause().getMessage().contains("odd " + i), failure.toString());
            }
        }
    }

    @Test
    void aScriptRedisForgotFailsAsNoScriptSoItCanBeSentAgain() {
        try (JedisPooled redis = RedisConnection.openForScripts(services.privateRedisUrl(5)); ScriptPipe pipe = new ScriptPipe(redis)) {
            String sha = redis.scriptLoad("return 'forgotten soon'");
            redis.scriptFlush();
            assertThrows(JedisNoScriptException.class, () -> pipe.evalsha(sha, List.of(), List.of()));
        }
    }

    /** The replies to {@code CALLERS} concurrent calls of the script, the caller's number its argument, in callers' order. */
    private static List<Future<Object>> fromEveryCaller(ScriptPipe pipe, String sha) {
        List<Future<Object>> replies = new ArrayList<>();
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CALLERS; i++) {
                String caller = Integer.toString(i);
                replies.add(callers.submit(() -> pipe.evalsha(sha, List.of(), List.of(caller))));
            }
        }
        return replies;
    }
}
