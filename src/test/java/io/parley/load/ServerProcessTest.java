package io.parley.load;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** ServerProcess reads this very JVM: a thread that spins is charged what it spun, under its name. */
class ServerProcessTest {

    @Test
    void aThreadsCpuTimeIsChargedToItsNameWithoutItsNumber() throws Exception {
        ServerProcess self = new ServerProcess(ProcessHandle.current().pid());
        Thread spinner = new Thread(() -> {
            long until = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }, "spinner-17");
        spinner.start();
        Thread.sleep(100); // the thread is live, and listed, while it spins
        Map<String, Long> whileSpinning = self.cpuMicrosByThread();
        spinner.join();

        assertThat(whileSpinning).containsKey("spinner-#").doesNotContainKey("spinner-17");
        assertThat(whileSpinning.get("spinner-#")).as("µs spun by then").isBetween(10_000L, 400_000L);
        assertThat(self.cpuMicros()).as("the process, all its threads").isGreaterThan(whileSpinning.get("spinner-#"));
        assertThat(self.rssBytes()).isPositive();
    }
}
