package io.statefront.platform.history;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.statefront.platform.web.Count;
import io.statefront.platform.web.EntityId;
import io.statefront.platform.web.Problems;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The API's answer to a history request, for each feature's controller: the page, or a problem. */
public final class HistoryResponses {

	/** How many changes a page holds unless asked otherwise. */
	public static final String DEFAULT_LIMIT = "50";

	private HistoryResponses() {
	}

	/**
	 * A page of an entity's history.
	 *
	 * @param entity the entity, such as {@code user/7}
	 * @param changes its changes, newest first
	 * @param scanned how many records of the change log this page looked at
	 * @param lookedBackTo every change of the entity since this time is on this page or a newer one
	 * @param complete whether the log holds nothing older: the history is whole back to the log's horizon
	 * @param next the {@code before} of the next, older page; null when complete
	 */
	public record ChangeHistory(String entity, List<ChangeView> changes, long scanned,
			@JsonProperty("looked_back_to") @Nullable Instant lookedBackTo, boolean complete, @Nullable Long next) {

		static ChangeHistory of(String entity, HistoryPage page) {
			return new ChangeHistory(entity, page.changes().stream().map(ChangeView::of).toList(), page.scanned(),
					(page.lookedBackTo() != null) ? Instant.ofEpochMilli(page.lookedBackTo()) : null, page.complete(),
					page.next());
		}

	}

	/**
	 * The page of {@code kind/id}'s history before {@code before} (newest when null), of at most
	 * {@code limit} changes; a 400 problem for a limit out of range, a 503 when the log cannot be read.
	 */
	public static ResponseEntity<?> page(EntityHistory history, String kind, EntityId id, Count limit,
			@Nullable Count before) {
		if (limit.value() < 1 || limit.value() > EntityHistory.MOST_CHANGES) {
			return Problems.response(Problems.problem(HttpStatus.BAD_REQUEST, "Malformed request",
					"'limit': from 1 to " + EntityHistory.MOST_CHANGES + " changes"));
		}
		String entity = kind + "/" + id.value();
		try {
			HistoryPage page = history.read(entity, (int) limit.value(), (before != null) ? before.value() : null);
			return ResponseEntity.ok(ChangeHistory.of(entity, page));
		}
		catch (HistoryUnavailableException ex) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, HistoryUnavailableException.RETRY_AFTER_SECONDS)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "History unavailable", ex.getMessage()));
		}
	}

}
