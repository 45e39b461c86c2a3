package io.statefront.recommendation;

/**
 * What to show one shopper now, on the {@value #TOPIC} topic keyed by the shopper.
 *
 * @param shopperId whom they are for
 * @param eventId the shop event they answer
 * @param itemIds the items, best first: more than a page shows, for the page to skip what is sold out
 * @param basis {@value #RELATED} when related to what the shopper did, {@value #POPULAR} when the
 * shopper's history said too little and popular items filled the list
 */
public record Recommendations(String shopperId, String eventId, String[] itemIds, String basis) {

	public static final String TOPIC = "recommendations";

	public static final String RELATED = "related";

	public static final String POPULAR = "popular";

}
