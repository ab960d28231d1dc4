package io.parley.vonage;

import io.parley.video.UpstreamUnavailableException;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the SDK's blocking calls on a small pool of its own, never on the event loop, and gives each call Parley's
 * timeout. The pool and its queue are bounded: when Vonage is slow, callers get a 503 quickly instead of piling up
 * threads. A call that timed out may still finish on its thread; its result is dropped.
 */
final class BlockingCalls implements AutoCloseable {

    static final int THREADS = 8;
    private static final int QUEUE = 200;

    private final ThreadPoolExecutor executor;
    private final Duration timeout;

    BlockingCalls(Duration timeout) {
        this.timeout = timeout;
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), named("vonage-sdk-"));
        executor.allowCoreThreadTimeOut(true);
    }

    <T> Uni<T> call(VonageCall call, Callable<T> work) {
        Uni<T> onWorker = Uni.createFrom().emitter(emitter -> {
            try {
                executor.execute(() -> {
                    ErrorBodyCapture.clear();
                    try {
                        emitter.complete(work.call());
                    } catch (Throwable failure) {
                        emitter.fail(VonageErrors.translate(failure, call, ErrorBodyCapture.take()));
                    }
                });
            } catch (RejectedExecutionException busy) {
                emitter.fail(new UpstreamUnavailableException(
                        "Too many Vonage calls in flight; try again shortly", VonageErrors.RETRY_AFTER, busy));
            }
        });
        return onWorker.ifNoItem().after(timeout).failWith(() -> VonageErrors.timeout(call, timeout));
    }

    /** A call that answers nothing (delete, force-disconnect, mute). */
    Uni<Void> run(VonageCall call, Runnable work) {
        return call(call, () -> {
            work.run();
            return null;
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
