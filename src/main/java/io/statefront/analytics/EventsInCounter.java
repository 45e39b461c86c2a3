package io.statefront.analytics;

import io.statefront.platform.flink.MicrometerReporter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/** Counts the events the analytics job takes in ({@code statefront.analytics.events.in}), passing them on. */
final class EventsInCounter extends RichMapFunction<WebsiteEvent, WebsiteEvent> {

	private transient Counter eventsIn;

	@Override
	public void open(OpenContext openContext) {
		eventsIn = getRuntimeContext().getMetricGroup()
			.addGroup(MicrometerReporter.USER_GROUP)
			.counter("analytics.events.in");
	}

	@Override
	public WebsiteEvent map(WebsiteEvent event) {
		eventsIn.inc();
		return event;
	}

}
