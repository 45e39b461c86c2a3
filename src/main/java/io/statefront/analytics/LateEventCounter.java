package io.statefront.analytics;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/** Counts events that came after their window closed, in the job's metrics, so none vanish unseen. */
final class LateEventCounter extends RichFlatMapFunction<WebsiteEvent, Void> {

	private transient Counter lateEvents;

	@Override
	public void open(OpenContext openContext) {
		lateEvents = getRuntimeContext().getMetricGroup().counter("lateEvents");
	}

	@Override
	public void flatMap(WebsiteEvent event, Collector<Void> out) {
		lateEvents.inc();
	}

}
