package io.statefront.analytics;

/**
 * Something in the traffic an operator should look at, on the {@value #TOPIC} topic keyed by
 * {@code key}: the visitor it is about, or {@value #SITE} for the whole site.
 *
 * @param type what was detected
 * @param key the visitor, or {@value #SITE}
 * @param timestamp event time of the detection, epoch milliseconds
 * @param value the figure that set it off (a bounce rate, a number of visits)
 * @param message what happened, for people
 */
public record Alert(String type, String key, long timestamp, double value, String message) {

	public static final String TOPIC = "cep-alerts";

	public static final String SITE = "site";

	static final String HIGH_BOUNCE_RATE = "HIGH_BOUNCE_RATE";

	static final String VISITOR_BOUNCING = "VISITOR_BOUNCING";

}
