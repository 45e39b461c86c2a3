package io.statefront.recommendation;

import io.statefront.platform.flink.FlinkJobPart;
import io.statefront.platform.flink.FlinkKafka;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.springframework.stereotype.Component;

/** Runs the {@link RecommendationJob} as the "recommendations" Flink job. */
@Component
class RecommendationPipeline implements FlinkJobPart {

	@Override
	public String job() {
		return "recommendations";
	}

	@Override
	public void addTo(StreamExecutionEnvironment env, FlinkKafka kafka) {
		RecommendationJob.connect(env, kafka);
	}

}
