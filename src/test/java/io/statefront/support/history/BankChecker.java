package io.statefront.support.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.statefront.platform.flink.AppliedChange;

/**
 * Checks a {@link History} of balance operations (credit, stock) against the final balances and
 * the functions' log of {@link AppliedChange}s, in the manner of Jepsen's bank checker: every
 * write answered 2xx applied exactly once and with its amount, none answered "not done" applied,
 * none unresolved applied twice, no message applied twice, no balance ever below zero, every
 * final balance the sum of its entity's changes, and every balance a client was told one the
 * entity had then, not before a write the client had already seen acknowledged.
 */
public final class BankChecker {

	private static final int PROBLEMS_SHOWN_PER_KIND = 5;

	private final Map<String, Integer> problemsByKind = new HashMap<>();

	private final List<String> problems = new ArrayList<>();

	/** The entity's balances, the first 0, then one after each of its changes in the order applied. */
	private final Map<String, List<Long>> balances = new HashMap<>();

	/** Where each message's change sits in its entity's balances (the index of the balance after it). */
	private final Map<String, Map<String, Integer>> positions = new HashMap<>();

	private BankChecker(List<AppliedChange> changes) {
		for (AppliedChange change : changes) {
			List<Long> entityBalances = balances.computeIfAbsent(change.entity(), entity -> new ArrayList<>(List.of(0L)));
			entityBalances.add(entityBalances.get(entityBalances.size() - 1) + change.delta());
			positions.computeIfAbsent(change.entity(), entity -> new HashMap<>())
				.putIfAbsent(change.messageId(), entityBalances.size() - 1);
		}
	}

	/**
	 * @param finalBalances each entity's balance read after the run, by the entity's name in the
	 * log (such as {@code user/7})
	 */
	public static Verdict check(History history, List<AppliedChange> changes, Map<String, Long> finalBalances) {
		return new BankChecker(changes).verdict(history, changes, finalBalances);
	}

	private Verdict verdict(History history, List<AppliedChange> changes, Map<String, Long> finalBalances) {
		List<Operation> attempts = history.attempts();
		Map<String, List<AppliedChange>> appliedByMessage = changes.stream()
			.collect(Collectors.groupingBy(change -> change.entity() + " " + change.messageId(), LinkedHashMap::new,
					Collectors.toList()));

		int duplicated = count("duplicated", appliedByMessage.values().stream().filter(applied -> applied.size() > 1),
				applied -> applied.size() + " changes of " + applied.get(0).entity() + " by message "
						+ applied.get(0).messageId());
		int serverErrors = count("server error",
				attempts.stream().filter(attempt -> attempt.status() >= 500 && attempt.status() != 503
						&& attempt.status() != 504),
				attempt -> attempt.status() + " to " + attempt.key() + " on " + attempt.entity());

		int ok = 0;
		int failed = 0;
		int unresolved = 0;
		int lost = 0;
		int appliedWhenFailed = 0;
		int answeredDifferently = 0;
		for (List<Operation> tries : history.byKey().values()) {
			Operation first = tries.get(0);
			List<Operation> known = History.answers(tries);
			if (known.stream().map(Operation::status).distinct().count() > 1) {
				answeredDifferently++;
				problem("answered differently", first.key() + " was answered " + known.stream()
					.map(attempt -> Integer.toString(attempt.status()))
					.collect(Collectors.joining(", ")));
			}
			List<AppliedChange> applied = appliedByMessage.getOrDefault(first.entity() + " " + first.key(), List.of());
			Outcome outcome = History.outcome(tries);
			switch (outcome) {
				case OK -> {
					ok++;
					if (applied.isEmpty() && first.delta() != 0) {
						lost++;
						problem("lost", first.key() + " (" + first.delta() + " on " + first.entity()
								+ ") was acknowledged but is not in the state");
					}
					else if (!applied.isEmpty() && applied.get(0).delta() != first.delta()) {
						lost++;
						problem("lost", first.key() + " asked for " + first.delta() + " on " + first.entity()
								+ " but changed it by " + applied.get(0).delta());
					}
				}
				case FAILED -> {
					failed++;
					if (!applied.isEmpty()) {
						appliedWhenFailed++;
						problem("applied when failed", first.key() + " was answered "
								+ (known.isEmpty() ? 503 : known.get(0).status())
								+ " but changed " + first.entity() + " by " + applied.get(0).delta());
					}
				}
				case UNKNOWN -> unresolved++;
			}
		}

		int negative = 0;
		int unbalanced = 0;
		for (Map.Entry<String, Long> entity : finalBalances.entrySet()) {
			List<Long> entityBalances = balances.getOrDefault(entity.getKey(), List.of(0L));
			if (entityBalances.stream().anyMatch(balance -> balance < 0)) {
				negative++;
				problem("negative", entity.getKey() + " went below zero: " + entityBalances);
			}
			long logged = entityBalances.get(entityBalances.size() - 1);
			if (logged != entity.getValue()) {
				unbalanced++;
				problem("unbalanced", entity.getKey() + " holds " + entity.getValue()
						+ " but its applied changes add up to " + logged);
			}
		}

		int staleReads = 0;
		for (Operation attempt : attempts) {
			if (attempt.status() == 200 && attempt.value() != null && !possible(attempt, attempts)) {
				staleReads++;
				problem("stale", ((attempt.read()) ? "a read" : attempt.key()) + " of " + attempt.entity() + " saw "
						+ attempt.value() + ", not a balance it had after the writes acknowledged before it");
			}
		}

		int reads = (int) attempts.stream().filter(Operation::read).count();
		int unknownAttempts = (int) attempts.stream().filter(attempt -> attempt.outcome() == Outcome.UNKNOWN).count();
		int resolvedByRetry = (int) history.byKey()
			.values()
			.stream()
			.filter(tries -> History.outcome(tries) != Outcome.UNKNOWN
					&& tries.stream().anyMatch(attempt -> attempt.outcome() == Outcome.UNKNOWN))
			.count();
		return new Verdict(history.byKey().size(), reads, ok, failed, unknownAttempts, resolvedByRetry, unresolved, lost, duplicated,
				appliedWhenFailed, answeredDifferently, negative, unbalanced, staleReads, serverErrors,
				List.copyOf(problems));
	}

	/**
	 * Whether the balance an answer reported is one its entity had: for a write, the balance right
	 * after its own change; for a read, one at or after the latest change whose write was
	 * acknowledged before the read was sent.
	 */
	private boolean possible(Operation answer, List<Operation> attempts) {
		List<Long> entityBalances = balances.getOrDefault(answer.entity(), List.of(0L));
		Map<String, Integer> entityPositions = positions.getOrDefault(answer.entity(), Map.of());
		if (!answer.read()) {
			Integer position = entityPositions.get(answer.key());
			// a write that changed nothing (a refusal is not a 200; an amount of 0 is refused) has no position
			return position == null || entityBalances.get(position) == answer.value().longValue();
		}
		int earliest = attempts.stream()
			.filter(write -> !write.read() && write.status() == 200 && write.entity().equals(answer.entity())
					&& write.completed() < answer.invoked())
			.map(write -> entityPositions.get(write.key()))
			.filter(position -> position != null)
			.max(Integer::compare)
			.orElse(0);
		return entityBalances.subList(earliest, entityBalances.size()).contains(answer.value());
	}

	private <T> int count(String kind, Stream<T> violations, Function<T, String> describe) {
		int[] count = { 0 };
		violations.forEach(violation -> {
			count[0]++;
			problem(kind, describe.apply(violation));
		});
		return count[0];
	}

	private void problem(String kind, String description) {
		if (problemsByKind.merge(kind, 1, Integer::sum) <= PROBLEMS_SHOWN_PER_KIND) {
			problems.add(kind + ": " + description);
		}
		else if (problemsByKind.get(kind) == PROBLEMS_SHOWN_PER_KIND + 1) {
			problems.add(kind + ": and more");
		}
	}

}
