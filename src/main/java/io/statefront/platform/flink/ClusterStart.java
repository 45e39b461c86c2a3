package io.statefront.platform.flink;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to the Flink cluster, begun on a thread of its own as soon as the runtime is built:
 * starting a MiniCluster takes seconds, which then pass while Spring builds the rest of the
 * application rather than after it. {@link FlinkRuntime#start()} takes the connection; a start after
 * a stop connects again, there and then.
 */
final class ClusterStart {

	private static final Logger log = LoggerFactory.getLogger(ClusterStart.class);

	private final Callable<FlinkCluster> connect;

	/** The connection begun at construction, until it is taken or abandoned. */
	private CompletableFuture<FlinkCluster> early = new CompletableFuture<>();

	ClusterStart(Callable<FlinkCluster> connect) {
		this.connect = connect;
		CompletableFuture<FlinkCluster> connecting = this.early;
		Thread starter = new Thread(() -> {
			try {
				connecting.complete(connect.call());
			}
			catch (Throwable ex) {
				connecting.completeExceptionally(ex);
			}
		}, "flink-cluster-start");
		starter.setDaemon(true);
		starter.start();
	}

	/** The connection begun early, once it is made; after that, a new one. */
	synchronized FlinkCluster take() throws Exception {
		CompletableFuture<FlinkCluster> connecting = this.early;
		this.early = null;
		if (connecting == null) {
			return connect.call();
		}
		long began = System.nanoTime();
		try {
			FlinkCluster cluster = connecting.get();
			log.debug("Waited {} ms for the Flink cluster connection begun at construction",
					(System.nanoTime() - began) / 1_000_000);
			return cluster;
		}
		catch (InterruptedException ex) {
			closeOnceMade(connecting);
			throw ex;
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
	}

	/**
	 * Closes the early connection if nobody took it (the application failed before its jobs
	 * started), once it is made: a MiniCluster's threads would otherwise keep the JVM alive.
	 */
	synchronized void abandon() {
		CompletableFuture<FlinkCluster> connecting = this.early;
		this.early = null;
		if (connecting != null) {
			closeOnceMade(connecting);
		}
	}

	private static void closeOnceMade(CompletableFuture<FlinkCluster> connecting) {
		connecting.thenAccept(cluster -> {
			try {
				cluster.close();
			}
			catch (Exception ex) {
				log.warn("Closing the Flink cluster connection nobody used failed: {}", ex.toString());
			}
		});
	}

}
