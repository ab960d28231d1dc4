package io.parley.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** CPU time and resident memory of the Parley process under load, from Linux's {@code /proc/<pid>}. */
final class ServerProcess {

    /** {@code sysconf(_SC_CLK_TCK)}: 100 on every Linux architecture Parley runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private final long pid;

    ServerProcess(long pid) {
        this.pid = pid;
    }

    /** User plus system CPU time in microseconds. */
    long cpuMicros() throws IOException {
        return cpuMicros(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    }

    /**
     * CPU time in microseconds of the process's live threads, by thread name (numbers left out, so that a pool's
     * threads count together): where a fixed cost goes, the media thread or the JVM's own. From each thread's
     * {@code schedstat} (the scheduler's own count, to the nanosecond), not the clock ticks of {@code stat}, which
     * charge a thread that runs for 50 µs a few times a second a whole tick now and then.
     */
    Map<String, Long> cpuMicrosByThread() throws IOException {
        Map<String, Long> byName = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "#");
                    String[] schedstat = Files.readString(task.resolve("schedstat")).strip().split(" ");
                    byName.merge(name, Long.parseLong(schedstat[0]) / 1000, Long::sum);
                } catch (IOException ended) {
                    // the thread ended between the listing and the read: its time is no longer the process's either
                }
            }
        }
        return byName;
    }

    private static long cpuMicros(String stat) {
        // the command name may hold spaces and parentheses; the fields after its closing one are fixed (proc(5))
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1_000_000 / TICKS_PER_SECOND;
    }

    long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for process " + pid);
    }
}
