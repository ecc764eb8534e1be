package dev.entrada.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Resident memory of the stack's processes, read from /proc (Linux). */
final class Footprint {

    static String rss(Map<String, Long> pids) {
        StringBuilder out = new StringBuilder();
        long total = 0;
        for (var entry : pids.entrySet()) {
            long kb = rssKb(entry.getValue());
            total += kb;
            out.append(entry.getKey()).append('=').append(kb / 1024).append("MB ");
        }
        return "total " + total / 1024 + " MB (" + out.toString().trim() + ")";
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return 0;
    }

    private Footprint() {
    }
}
