package dev.ticketrush.server.infra;

import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One Lua script from {@code src/main/resources/redis}, sent once and run by its SHA1 (EVALSHA); a Redis that
 * forgot it (restarted, SCRIPT FLUSH) gets it again on the next call.
 */
public final class LuaScript {

    private final RScript scripts;
    private final String source;
    private volatile String sha;

    private LuaScript(RScript scripts, String source) {
        this.scripts = scripts;
        this.source = source;
    }

    /** Loads {@code redis/<name>.lua} from the classpath. */
    public static LuaScript load(RedissonClient redis, String name) {
        return new LuaScript(redis.getScript(StringCodec.INSTANCE), resource("redis/" + name + ".lua"));
    }

    public static String resource(String path) {
        try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long runForNumber(List<Object> keys, Object... args) {
        Long result = run(RScript.ReturnType.INTEGER, keys, args);
        return result == null ? 0 : result;
    }

    public List<Object> runForList(List<Object> keys, Object... args) {
        return run(RScript.ReturnType.MULTI, keys, args);
    }

    /**
     * Runs the script once per argument list, all sent at once so their round trips overlap; returns when every run is
     * done. A Redis that forgot the script gets it again and the runs are repeated one by one.
     */
    public void runEach(List<List<Object>> keys, List<Object[]> args) {
        if (sha == null) sha = scripts.scriptLoad(source);
        List<CompletableFuture<Object>> runs = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            runs.add(scripts.evalShaAsync(RScript.Mode.READ_WRITE, sha, RScript.ReturnType.INTEGER, keys.get(i), args.get(i)).toCompletableFuture());
        }
        try {
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof RedisException redis) || redis.getMessage() == null || !redis.getMessage().contains("NOSCRIPT")) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            for (int i = 0; i < keys.size(); i++) run(RScript.ReturnType.INTEGER, keys.get(i), args.get(i));
        }
    }

    private <T> T run(RScript.ReturnType type, List<Object> keys, Object... args) {
        if (sha == null) sha = scripts.scriptLoad(source);
        try {
            return scripts.evalSha(RScript.Mode.READ_WRITE, sha, type, keys, args);
        } catch (RedisException e) {
            if (e.getMessage() == null || !e.getMessage().contains("NOSCRIPT")) throw e;
            sha = scripts.scriptLoad(source);
            return scripts.evalSha(RScript.Mode.READ_WRITE, sha, type, keys, args);
        }
    }
}
