package io.statefront.support.history;

import java.util.List;

/**
 * What a checker found in a run: the figures {@code docs/reliability.md} records, and a line for
 * each violation (the first few of each kind). A run is correct when {@link #problems()} is empty.
 *
 * @param operations keyed operations (writes) the clients made
 * @param reads reads the clients made
 * @param ok writes answered 2xx
 * @param failed writes answered 4xx or 503 (definitely not done)
 * @param unknownAttempts attempts that ended without a known outcome (504, connection lost)
 * @param resolvedByRetry writes with an attempt that got no outcome (cut off by a fault) whose
 * outcome a retry under the same key learned
 * @param unresolved writes whose outcome no attempt learned
 * @param lost writes answered 2xx whose change is not in the state
 * @param duplicated messages whose change the state holds more than once
 * @param appliedWhenFailed writes answered "not done" whose change the state holds anyway
 * @param answeredDifferently writes whose attempts were told different outcomes
 * @param negative entities whose balance went below zero
 * @param unbalanced entities whose balance is not the sum of their applied changes
 * @param staleReads answers with a balance the entity did not have at that point
 * @param serverErrors answers with a 5xx other than 503 and 504
 */
public record Verdict(int operations, int reads, int ok, int failed, int unknownAttempts, int resolvedByRetry,
		int unresolved, int lost,
		int duplicated, int appliedWhenFailed, int answeredDifferently, int negative, int unbalanced, int staleReads,
		int serverErrors, List<String> problems) {

	public String figures() {
		return String.format("%d writes (%d ok, %d failed, %d unresolved), %d reads, %d attempts without an answer, "
				+ "%d writes settled by a retry after one; "
				+ "lost %d, duplicated %d, applied when failed %d, answered differently %d, negative %d, "
				+ "unbalanced %d, stale reads %d, other 5xx %d", operations, ok, failed, unresolved, reads,
				unknownAttempts, resolvedByRetry, lost, duplicated, appliedWhenFailed, answeredDifferently, negative, unbalanced,
				staleReads, serverErrors);
	}

}
