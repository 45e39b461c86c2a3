package io.statefront.platform.gateway;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One pool of requests waiting for replies: a bound on how many wait at once, and the threads that
 * carry on once a reply has come (the caller's next steps: parsing, the next request, a page's
 * model), so that nothing a caller does runs on the one thread that receives every reply.
 *
 * <p>A request keeps its permit until its continuation starts on one of these threads, so the
 * queue of continuations never holds more than the pool's bound, even when they are slow.
 */
final class PendingRequests {

	/**
	 * Threads per pool. A continuation parses a reply and at most sends the next request (a Kafka
	 * send, which may wait for the producer's buffer): a few threads keep replies flowing while one
	 * waits, on a machine of two cores as on more.
	 */
	static final int CONTINUATION_THREADS = 4;

	private final int max;

	private final Semaphore permits;

	private final ThreadPoolExecutor continuations;

	PendingRequests(RequestPool pool, int max) {
		this.max = max;
		this.permits = new Semaphore(max);
		String name = "gateway-" + pool.name().toLowerCase() + "-";
		AtomicInteger threads = new AtomicInteger();
		this.continuations = new ThreadPoolExecutor(CONTINUATION_THREADS, CONTINUATION_THREADS, 0,
				TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), runnable -> {
					Thread thread = new Thread(runnable, name + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				},
				// stopping: a reply that still comes is handled where it arrived
				(task, executor) -> task.run());
	}

	boolean tryAcquire() {
		return permits.tryAcquire();
	}

	void release() {
		permits.release();
	}

	int pending() {
		return max - permits.availablePermits();
	}

	int max() {
		return max;
	}

	ThreadPoolExecutor continuations() {
		return continuations;
	}

	void shutdown() {
		continuations.shutdown();
	}

}
