package io.statefront.support.history;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients adding and taking credit on random users, each write under a key of its own, until
 * closed. A client refused with 503 waits a moment before its next write; one that got no answer
 * at all (the application or its broker gone) retries the write with its key, as a real client
 * would; one cut off by a 504 leaves it for {@link CreditClient#settle()}.
 */
public final class CreditLoad implements AutoCloseable {

	private static final long PAUSE_MILLIS = 100;

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicInteger attempts = new AtomicInteger();

	private final ExecutorService clients;

	public CreditLoad(CreditClient credit, List<String> users, int count, String keyPrefix, long seed) {
		Random seeds = new Random(seed);
		AtomicInteger sequence = new AtomicInteger();
		clients = Executors.newFixedThreadPool(count);
		for (int client = 0; client < count; client++) {
			Random choices = new Random(seeds.nextLong());
			clients.submit(() -> {
				while (running.get()) {
					String user = users.get(choices.nextInt(users.size()));
					long amount = 1 + choices.nextInt(300);
					Operation attempt = credit.write(user, choices.nextBoolean() ? amount : -amount,
							keyPrefix + sequence.incrementAndGet());
					attempts.incrementAndGet();
					while (attempt.status() == Outcome.NO_ANSWER && running.get()) {
						Thread.sleep(PAUSE_MILLIS);
						attempt = credit.repeat(attempt);
						attempts.incrementAndGet();
					}
					if (attempt.status() == 503) {
						Thread.sleep(PAUSE_MILLIS);
					}
				}
				return null;
			});
		}
	}

	/** The attempts made so far. */
	public int attempts() {
		return attempts.get();
	}

	@Override
	public void close() throws InterruptedException {
		running.set(false);
		clients.shutdown();
		assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
	}

}
