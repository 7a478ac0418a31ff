package dev.ticketrush.server.infra;

import redis.clients.jedis.JedisPooled;

/** The server's Lua scripts, each run on the same pool of blocking Redis connections. */
public final class LuaScripts {

    private final JedisPooled redis;

    public LuaScripts(JedisPooled redis) {
        this.redis = redis;
    }

    /** The script {@code redis/<name>.lua}. */
    public LuaScript named(String name) {
        return LuaScript.load(redis, name);
    }
}
