package io.statefront.support;

import java.util.concurrent.TimeUnit;

/**
 * Ending the processes a test started, once it is over: {@code kill -9}. A test that is about a
 * clean stop sends {@code SIGTERM} itself and waits for it ({@link AppProcess#terminate}).
 */
final class Processes {

	private Processes() {
	}

	/** {@code kill -9}: no shutdown hook, no flush, no goodbye; nothing if it is not running. */
	static void kill(Process process) throws InterruptedException {
		if (process != null) {
			process.destroyForcibly();
			process.waitFor(30, TimeUnit.SECONDS);
		}
	}

}
