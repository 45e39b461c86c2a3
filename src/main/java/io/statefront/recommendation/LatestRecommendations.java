package io.statefront.recommendation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The latest recommendations of the shoppers seen lately ({@value #SHOPPERS} at most), so that a
 * page opened just after a click can show what was pushed before it was listening.
 */
@Component
public class LatestRecommendations {

	static final int SHOPPERS = 10_000;

	private final Map<String, Recommendations> byShopper = new LinkedHashMap<>(256, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Recommendations> eldest) {
			return size() > SHOPPERS;
		}

	};

	synchronized void remember(Recommendations recommendations) {
		byShopper.put(recommendations.shopperId(), recommendations);
	}

	public synchronized Optional<Recommendations> of(String shopperId) {
		return Optional.ofNullable(byShopper.get(shopperId));
	}

}
