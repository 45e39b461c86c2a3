package io.statefront.platform.flink;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A feature's share of a Flink job. Parts naming the same job are wired into one job graph, so
 * the user, stock and order functions can run as one "functions" job.
 */
public interface FlinkJobPart {

	/** The job of the stateful functions (users, items, orders) that answer the API. */
	String FUNCTIONS_JOB = "functions";

	/** The job this part belongs to. */
	String job();

	/**
	 * Adds this part's sources, functions and sinks; every operator gets a stable uid. A topic whose
	 * messages build the part's state is read with {@link FlinkKafka#commandSource}, which also
	 * declares it to the checks that keep a restore from guessing (architecture rule 9); a topic of
	 * events it only summarises, with {@link FlinkKafka#eventSource}.
	 */
	void addTo(StreamExecutionEnvironment env, FlinkKafka kafka);

}
