package dev.ticketrush.server.infra;

import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisNoScriptException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One Lua script from {@code src/main/resources/redis}, sent once and run by its SHA1 (EVALSHA); a Redis that
 * forgot it (restarted, SCRIPT FLUSH) gets it again on the next call. Calls go through the {@link ScriptPipe}, which
 * sends those of concurrent callers together on Jedis' blocking connections.
 */
public final class LuaScript {

    private final JedisPooled redis;
    private final ScriptPipe pipe;
    private final String source;
    private volatile String sha;

    private LuaScript(JedisPooled redis, ScriptPipe pipe, String source) {
        this.redis = redis;
        this.pipe = pipe;
        this.source = source;
    }

    /** Loads {@code redis/<name>.lua} from the classpath. */
    static LuaScript load(JedisPooled redis, ScriptPipe pipe, String name) {
        return new LuaScript(redis, pipe, resource("redis/" + name + ".lua"));
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
        Object result = run(keys, args);
        return result == null ? 0 : (Long) result;
    }

    /** The script's array reply: strings and numbers (as {@code Long}), nested arrays as lists. */
    @SuppressWarnings("unchecked")
    public List<Object> runForList(List<Object> keys, Object... args) {
        return (List<Object>) run(keys, args);
    }

    private Object run(List<Object> keys, Object... args) {
        String loaded = loaded();
        List<String> keyNames = strings(keys);
        List<String> values = strings(Arrays.asList(args));
        try {
            return pipe.evalsha(loaded, keyNames, values);
        } catch (JedisNoScriptException e) {
            sha = redis.scriptLoad(source);
            return pipe.evalsha(sha, keyNames, values);
        }
    }

    private String loaded() {
        String loaded = sha;
        if (loaded == null) sha = loaded = redis.scriptLoad(source);
        return loaded;
    }

    private static List<String> strings(List<?> values) {
        List<String> strings = new ArrayList<>(values.size());
        for (Object value : values) strings.add(String.valueOf(value));
        return strings;
    }
}
