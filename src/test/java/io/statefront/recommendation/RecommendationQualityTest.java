package io.statefront.recommendation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Our recommendations against the popularity baseline, on the simulator's visitors. */
class RecommendationQualityTest {

	@Test
	void predictTheNextViewClearlyBetterThanPopularity() throws Exception {
		RecommendationEvaluation.Result result = RecommendationEvaluation.run(100_000, 11);

		assertThat(result.judged()).isGreaterThan(30_000);
		assertThat(result.hitRate()).isGreaterThan(2 * result.popularityHitRate());
	}

}
