package io.statefront.analytics;

import java.util.Locale;
import java.util.Optional;

/** Which traffic a figure counts: all of it, or real visitors' alone, the simulator's events left out. */
public enum Traffic {

	ALL, REAL;

	/** As a request names it: {@code all} or {@code real}. */
	public String parameter() {
		return name().toLowerCase(Locale.ROOT);
	}

	public boolean realOnly() {
		return this == REAL;
	}

	/** The traffic a request names, if it names one. */
	public static Optional<Traffic> ofParameter(String parameter) {
		for (Traffic traffic : values()) {
			if (traffic.parameter().equals(parameter)) {
				return Optional.of(traffic);
			}
		}
		return Optional.empty();
	}

}
