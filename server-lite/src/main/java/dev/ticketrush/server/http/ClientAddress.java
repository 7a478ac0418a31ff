package dev.ticketrush.server.http;

import io.javalin.http.Context;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The client a request comes from: the connection's peer, or, when that peer is a trusted proxy (a load balancer in
 * front of the server), the last address the proxy appended to X-Forwarded-For. Untrusted peers cannot claim one.
 */
public final class ClientAddress {

    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    private final Set<String> trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    public String of(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        if (!trustedProxies.contains(peer)) return peer;
        String forwarded = ctx.header("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) return peer;
        String[] hops = forwarded.split(",");
        return hops[hops.length - 1].strip();
    }

    /** The machine's own tools (a load test, the operator) are never limited per address. */
    public static boolean isLoopback(String address) {
        // only IP literals are parsed, so a header can never make the server look a name up
        if (address == null || !LITERAL.matcher(address).matches()) return false;
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }
}
