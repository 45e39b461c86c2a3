package io.statefront.platform.flink;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the in-process Flink cluster runs the jobs.
 *
 * @param parallelism the parallelism of every job; 1 by default, which on a 2-core machine shared
 * with the broker and the web server gave lower latency and more throughput than 2
 * @param checkpointInterval how often each job checkpoints to the data directory
 * @param checkpointsRetained how many completed checkpoints each job keeps
 * @param bufferTimeout how long a network buffer may wait to fill; this bounds the latency each
 * hop adds (Flink's default of 100 ms would dominate every request's round trip)
 * @param taskSlots slots of the single task manager
 */
@ConfigurationProperties("statefront.flink")
record FlinkProperties(@DefaultValue("1") int parallelism, @DefaultValue("10s") Duration checkpointInterval,
		@DefaultValue("3") int checkpointsRetained, @DefaultValue("1ms") Duration bufferTimeout,
		@DefaultValue("8") int taskSlots) {
}
