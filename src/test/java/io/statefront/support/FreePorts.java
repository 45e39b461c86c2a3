package io.statefront.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the processes a test starts on ports it names. They are taken from below Linux's
 * ephemeral range (32768–60999): a port the operating system handed out for a moment is free
 * again at once and may go to any socket that binds port 0 — such as a Flink TaskManager started
 * beside the application — before the process it was meant for binds it.
 */
public final class FreePorts {

	private static final int LOWEST = 20_000;

	private static final int HIGHEST = 32_000;

	private FreePorts() {
	}

	public static int next() {
		for (int attempt = 0; attempt < 1_000; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
			if (free(port)) {
				return port;
			}
		}
		throw new IllegalStateException("No free port from " + LOWEST + " to " + HIGHEST);
	}

	private static boolean free(int port) {
		// the wildcard address: refused when any address of the machine has the port
		try (ServerSocket socket = new ServerSocket(port)) {
			return true;
		}
		catch (IOException inUse) {
			return false;
		}
	}

}
