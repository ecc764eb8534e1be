package dev.entrada.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Port helpers: free ports chosen at run time for tests, and a plain check for the launcher. */
public final class Ports {
    /**
     * Where {@link #free()} looks: below Linux's ephemeral range (32768–60999 by default). A port the kernel
     * hands out for {@code bind(0)} is also one it may give any outgoing connection (a Kafka client, a
     * database pool) in the seconds before the service that was told to listen on it starts — which made a
     * gateway fail with "port already in use".
     */
    static final int FIRST = 20_000;
    static final int LAST = 32_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /** A port free now, outside the ephemeral range, never handed out before by this JVM. */
    public static int free() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST + 1);
            if (!HANDED_OUT.contains(port) && isFree(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("no free port between " + FIRST + " and " + LAST));
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Ports() {
    }
}
