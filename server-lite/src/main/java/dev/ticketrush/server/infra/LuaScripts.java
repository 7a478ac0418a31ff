package dev.ticketrush.server.infra;

import redis.clients.jedis.JedisPooled;

/** The server's Lua scripts, each run through one {@link ScriptPipe} on the same pool of blocking Redis connections. */
public final class LuaScripts implements AutoCloseable {

    private final JedisPooled redis;
    private final ScriptPipe pipe;

    public LuaScripts(JedisPooled redis) {
        this.redis = redis;
        this.pipe = new ScriptPipe(redis);
    }

    /** The script {@code redis/<name>.lua}. */
    public LuaScript named(String name) {
        return LuaScript.load(redis, pipe, name);
    }

    @Override
    public void close() {
        pipe.close();
    }
}
