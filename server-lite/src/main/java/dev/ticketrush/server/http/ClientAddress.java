package dev.ticketrush.server.http;

import io.javalin.http.Context;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;

/**
 * The client a request comes from: the connection's peer, or, when that peer is a trusted proxy (a load balancer in
 * front of the server), the last address the proxy appended to X-Forwarded-For. Untrusted peers cannot claim one.
 */
public final class ClientAddress {

    private final Set<String> trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    public String of(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        if (!trustedProxies.contains(peer)) return peer;
        String forwarded = ctx.header("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) return peer;
        String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
        // "," or "1.2.3.4, " names no client: the proxy itself is the best we know, not one bucket shared by all such
        return last.isEmpty() ? peer : last;
    }

    /** The machine's own tools (a load test, the operator) are never limited per address. */
    public static boolean isLoopback(String address) {
        // only IP literals are parsed, so a header can never make the server look a name up
        if (!ipLiteral(address)) return false;
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }

    /** 2-45 ASCII hex digits, colons and dots: a loop, as a regex here cost more than the join it guards. */
    private static boolean ipLiteral(String address) {
        if (address == null || address.length() < 2 || address.length() > 45) return false;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!hex && c != ':' && c != '.') return false;
        }
        return true;
    }
}
