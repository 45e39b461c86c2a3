package io.statefront.support.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.statefront.platform.flink.AppliedChange;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The checker finds each kind of violation it claims to, and passes a history without one. */
class BankCheckerTest {

	private final List<Operation> attempts = new ArrayList<>();

	private final List<AppliedChange> changes = new ArrayList<>();

	private long clock;

	/** The balance the changes logged so far leave, as the functions log it after each. */
	private long balance;

	@Test
	void passesAHistoryWhoseEveryAnswerTheStateBearsOut() {
		write("a", 100, 200, 100L);
		change("a", 100);
		read(100L);
		write("b", -30, 200, 70L);
		change("b", -30);
		write("c", -500, 409, null);
		write("d", 5, 504, null);
		write("d", 5, 200, 75L);
		change("d", 5);
		write("e", 7, Outcome.NO_ANSWER, null);
		read(75L);

		Verdict verdict = check(75);

		assertThat(verdict.problems()).isEmpty();
		assertThat(verdict).extracting(Verdict::operations, Verdict::reads, Verdict::ok, Verdict::failed,
				Verdict::unresolved, Verdict::unknownAttempts)
			.containsExactly(5, 2, 3, 1, 1, 2);
	}

	@Test
	void findsAnAcknowledgedWriteTheStateDoesNotHold() {
		write("a", 100, 200, 100L);

		Verdict verdict = check(0);

		assertThat(verdict.lost()).isOne();
		assertThat(verdict.problems()).anyMatch(problem -> problem.startsWith("lost: a"));
	}

	@Test
	void findsAMessageAppliedTwice() {
		write("a", 100, 200, 100L);
		change("a", 100);
		change("a", 100);

		Verdict verdict = check(200);

		assertThat(verdict.duplicated()).isOne();
	}

	@Test
	void findsARefusedWriteThatWasAppliedAnyway() {
		write("a", 100, 200, 100L);
		change("a", 100);
		write("b", -10, 503, null);
		change("b", -10);

		Verdict verdict = check(90);

		assertThat(verdict.appliedWhenFailed()).isOne();
	}

	@Test
	void findsABalanceBelowZeroAndAStateThatDisagreesWithItsChanges() {
		change("setup", 10);
		change("x", -20);

		Verdict verdict = check(0);

		assertThat(verdict.negative()).isOne();
		assertThat(verdict.unbalanced()).isOne();
	}

	@Test
	void findsAReadThatMissesAWriteAcknowledgedBeforeIt() {
		write("a", 100, 200, 100L);
		change("a", 100);
		write("b", 50, 200, 150L);
		change("b", 50);
		read(100L);

		Verdict verdict = check(150);

		assertThat(verdict.staleReads()).isOne();
	}

	@Test
	void findsRetriesOfOneWriteToldDifferentOutcomes() {
		write("a", -100, 409, null);
		write("a", -100, 200, 0L);

		Verdict verdict = check(0);

		assertThat(verdict.answeredDifferently()).isOne();
	}

	@Test
	void takesAWriteRefusedWith503AndThenAnsweredAsTheAnswerItGot() {
		write("a", 10, 503, null);
		write("a", 10, 200, 10L);
		change("a", 10);
		write("b", 5, 504, null);
		write("b", 5, 503, null);
		write("c", 5, 503, null);

		Verdict verdict = check(10);

		assertThat(verdict.problems()).isEmpty();
		assertThat(verdict).extracting(Verdict::ok, Verdict::unresolved, Verdict::failed).containsExactly(1, 1, 1);
	}

	@Test
	void findsServerErrors() {
		write("a", 1, 500, null);

		assertThat(check(0).serverErrors()).isOne();
	}

	private Verdict check(long finalBalance) {
		History history = new History();
		attempts.forEach(history::add);
		return BankChecker.check(history, changes, Map.of("user/1", finalBalance));
	}

	private void write(String key, long delta, int status, @Nullable Long value) {
		attempts.add(new Operation(key, "user/1", delta, clock++, clock++, status, value));
	}

	private void read(long value) {
		attempts.add(new Operation(null, "user/1", 0, clock++, clock++, 200, value));
	}

	private void change(String messageId, long delta) {
		balance += delta;
		changes.add(new AppliedChange("user/1", messageId, delta, balance, clock, "ADD_CREDIT",
				AppliedChange.Origin.IDEMPOTENCY_KEY));
	}

}
