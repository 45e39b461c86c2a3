package io.statefront.recommendation;

import io.statefront.platform.RetentionProperties;
import io.statefront.platform.flink.FlinkJobPart;
import io.statefront.platform.flink.FlinkKafka;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.springframework.stereotype.Component;

/** Runs the {@link RecommendationJob} as the "recommendations" Flink job. */
@Component
class RecommendationPipeline implements FlinkJobPart {

	private final RetentionProperties retention;

	RecommendationPipeline(RetentionProperties retention) {
		this.retention = retention;
	}

	@Override
	public String job() {
		return "recommendations";
	}

	@Override
	public void addTo(StreamExecutionEnvironment env, FlinkKafka kafka) {
		RecommendationJob.connect(env, kafka, retention.shopperBehaviour());
	}

}
