package io.parley.bench;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks under src/test/java whose names match the first argument (a regular
 * expression; all of them without one); a second argument {@code gc} adds JMH's allocation profiler. Short settings so that one benchmark class runs in about a
 * minute on a shared machine. See README, "Benchmarks".
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws RunnerException {
        String include = args.length > 0 && !args[0].isBlank() ? args[0] : ".*";
        OptionsBuilder builder = new OptionsBuilder();
        if (args.length > 1 && args[1].equals("gc")) {
            // bytes allocated per packet: the media path should allocate little
            builder.addProfiler(GCProfiler.class);
        }
        Options options = builder
                .include(include)
                .forks(1)
                .warmupIterations(2)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(2))
                .shouldFailOnError(true)
                .build();
        new Runner(options).run();
    }
}
