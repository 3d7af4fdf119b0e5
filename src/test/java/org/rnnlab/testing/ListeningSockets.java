package org.rnnlab.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The TCP addresses this JVM listens on, read from Linux's /proc: the socket inodes among the
 * process's file descriptors, matched with the LISTEN rows of /proc/net/tcp and tcp6.
 */
public final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** Whether /proc can answer (Linux). */
    public static boolean available() {
        return Files.isDirectory(Path.of("/proc/self/fd")) && Files.isReadable(Path.of("/proc/net/tcp"));
    }

    /** This process's listening sockets that are not on a loopback address, as "ADDRESS:PORT" in /proc's hex. */
    public static Set<String> notOnLoopback() throws IOException {
        return notOnLoopback("self");
    }

    /** As {@link #notOnLoopback()}, for another process of this machine (nothing once it has ended). */
    public static Set<String> notOnLoopback(long pid) throws IOException {
        return notOnLoopback(Long.toString(pid));
    }

    /** Every listening socket of the process, as "ADDRESS:PORT" in /proc's hex. */
    public static Set<String> listening(long pid) throws IOException {
        return listening(Long.toString(pid), false);
    }

    private static Set<String> notOnLoopback(String process) throws IOException {
        return listening(process, true);
    }

    private static Set<String> listening(String process, boolean outsideLoopbackOnly) throws IOException {
        Set<String> inodes = new HashSet<>();
        Path fdDir = Path.of("/proc", process, "fd");
        if (!Files.isDirectory(fdDir)) {
            return Set.of();
        }
        try (Stream<Path> fds = Files.list(fdDir)) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // a descriptor closed while listing
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return Set.of(); // the process ended
        }
        Set<String> outside = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> rows = Files.readAllLines(file);
            for (String row : rows.subList(1, rows.size())) {
                String[] fields = row.trim().split("\\s+");
                if (fields.length > 9 && fields[3].equals(LISTEN) && inodes.contains(fields[9])
                        && !(outsideLoopbackOnly && isLoopback(fields[1]))) {
                    outside.add(fields[1]);
                }
            }
        }
        return outside;
    }

    /** 127.x.x.x (little-endian hex, also IPv4-mapped in tcp6) or ::1. */
    static boolean isLoopback(String hexAddressAndPort) {
        String address = hexAddressAndPort.substring(0, hexAddressAndPort.indexOf(':'));
        if (address.length() == 8) {
            return address.endsWith("7F");
        }
        boolean mappedV4 = address.startsWith("0000000000000000FFFF0000");
        return (mappedV4 && address.endsWith("7F")) || address.equals("00000000000000000000000001000000");
    }
}
