package io.statefront.analytics;

import io.statefront.platform.flink.MicrometerReporter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * Counts events that came after their window closed ({@code statefront.analytics.events.late}),
 * so none vanish unseen.
 */
final class LateEventCounter extends RichFlatMapFunction<WebsiteEvent, Void> {

	private transient Counter lateEvents;

	@Override
	public void open(OpenContext openContext) {
		lateEvents = getRuntimeContext().getMetricGroup()
			.addGroup(MicrometerReporter.USER_GROUP)
			.counter("analytics.events.late");
	}

	@Override
	public void flatMap(WebsiteEvent event, Collector<Void> out) {
		lateEvents.inc();
	}

}
