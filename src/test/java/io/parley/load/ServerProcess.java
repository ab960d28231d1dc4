package io.parley.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
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
