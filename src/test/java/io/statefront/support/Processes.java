package io.statefront.support;

import java.util.concurrent.TimeUnit;

/** Ending the processes a test started: gently, or with {@code kill -9}. */
final class Processes {

	private Processes() {
	}

	/** {@code SIGTERM}, then {@code SIGKILL} if it has not ended within 30 s; nothing if it is not running. */
	static void stop(Process process) throws InterruptedException {
		if (process != null && process.isAlive()) {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	/** {@code kill -9}: no shutdown hook, no flush, no goodbye. */
	static void kill(Process process) throws InterruptedException {
		process.destroyForcibly();
		process.waitFor(30, TimeUnit.SECONDS);
	}

}
