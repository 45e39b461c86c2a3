package io.statefront.analytics;

import io.statefront.platform.flink.FlinkJobPart;
import io.statefront.platform.flink.FlinkKafka;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.springframework.stereotype.Component;

/** Connects the analytics topology to Kafka as the "analytics" job. */
@Component
class AnalyticsPipeline implements FlinkJobPart {

	static final String ANALYTICS_JOB = "analytics";

	private final AnalyticsProperties properties;

	AnalyticsPipeline(AnalyticsProperties properties) {
		this.properties = properties;
	}

	@Override
	public String job() {
		return ANALYTICS_JOB;
	}

	@Override
	public void addTo(StreamExecutionEnvironment env, FlinkKafka kafka) {
		AnalyticsJob.connect(env, kafka, properties);
	}

}
