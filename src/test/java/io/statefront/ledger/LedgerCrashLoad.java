package io.statefront.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.statefront.platform.flink.AppliedChange;
import io.statefront.support.Api;
import io.statefront.support.history.BankChecker;
import io.statefront.support.history.CreditClient;
import io.statefront.support.history.History;
import io.statefront.support.history.Operation;
import io.statefront.support.history.Outcome;
import io.statefront.support.history.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's load and checks in the crash run ({@code ShopCrashIT}): concurrent clients pay in and
 * take out credit, on a few hot users and many others, and read balances; two more create users.
 * Clients keep going through every outage and afterwards retry, with the same idempotency key,
 * each write they never learned the outcome of. Then {@link BankChecker} judges the history against
 * the final balances and the functions' exactly-once log of applied changes, a repeat inside the
 * idempotency horizon must be answered as the first time, and every create must settle on an id of
 * its own.
 */
public final class LedgerCrashLoad {

	private static final int USERS = 20;

	/** Few enough writes reach each hot user that its 1,000 remembered idempotency keys cover them all. */
	private static final int HOT_USERS = 4;

	private static final long STARTING_CREDIT = 1_000;

	private static final int CLIENTS = 16;

	private static final int CREATING_CLIENTS = 2;

	private static final long OUTAGE_PAUSE_MILLIS = 200;

	private final History history = new History();

	private final Api api;

	private final CreditClient credit;

	private final Random random;

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicInteger sequence = new AtomicInteger();

	/** A lost answer is kept as null, so the map must accept nulls. */
	private final Map<String, String> createdIdByKey = Collections.synchronizedMap(new HashMap<>());

	private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);

	private List<String> users;

	private int unresolvedAtTheEnd;

	public LedgerCrashLoad(Api api, Random random) {
		this.api = api;
		this.credit = new CreditClient(api, history);
		this.random = random;
	}

	/** Opens the users with their credit, then sets the clients going. */
	public void start() {
		users = credit.openFundedUsers(USERS, STARTING_CREDIT);
		for (int client = 0; client < CLIENTS; client++) {
			Random choices = new Random(random.nextLong());
			boolean creating = client < CREATING_CLIENTS;
			clients.submit(() -> {
				while (running.get()) {
					if (creating) {
						createUntilAnswered();
					}
					else {
						operateUntilAnswered(choices);
					}
				}
				return null;
			});
		}
	}

	private void createUntilAnswered() throws InterruptedException {
		String key = "create-" + sequence.incrementAndGet();
		String id = create(key);
		// through an outage a client keeps asking with its key, as a real one would
		while (id == null && running.get()) {
			Thread.sleep(OUTAGE_PAUSE_MILLIS);
			id = create(key);
		}
		createdIdByKey.put(key, id);
	}

	private void operateUntilAnswered(Random choices) throws InterruptedException {
		Operation attempt = operate(choices, "op-" + sequence.incrementAndGet());
		while (!attempt.read() && attempt.status() == Outcome.NO_ANSWER && running.get()) {
			Thread.sleep(OUTAGE_PAUSE_MILLIS);
			attempt = credit.repeat(attempt);
		}
		if (attempt.status() == 503) {
			Thread.sleep(OUTAGE_PAUSE_MILLIS);
		}
	}

	/** Tells the clients to stop after the operation each is on. */
	public void stop() {
		running.set(false);
		clients.shutdown();
	}

	/** Once the clients have stopped, repeats every write whose outcome they never learned until it is known. */
	public void settle() throws InterruptedException {
		assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
		unresolvedAtTheEnd = history.unresolved().size();
		credit.settle();
	}

	/** Each user's credit now, by its name in the log of applied changes. */
	public Map<String, Long> credits() {
		Map<String, Long> credits = new LinkedHashMap<>();
		for (String user : users) {
			credits.put("user/" + user, api.get("/users/credit/" + user).number("credit"));
		}
		return credits;
	}

	/**
	 * A repeat after the restarts, inside the idempotency horizon, is answered as the first time and
	 * changes nothing (a 503 sent nothing, so its repeat would be a first attempt). The horizon runs
	 * from a key's first use: keys first used more than a minute ago may be forgotten, and their
	 * repeat applied as new, so only younger keys are repeated (40 s leaves the repeats 20 s). Call
	 * it soon after {@link #settle}.
	 */
	public void repeatsInsideTheHorizonChangeNothing(Map<String, Long> credits) {
		long insideHorizon = System.nanoTime() - Duration.ofSeconds(40).toNanos();
		List<Operation> settled = history.byKey()
			.values()
			.stream()
			.filter(attempts -> attempts.get(0).invoked() > insideHorizon)
			.map(LedgerCrashLoad::known)
			.filter(operation -> operation.status() == 200 || operation.status() == 409)
			.limit(50)
			.toList();
		assertThat(settled).as("settled writes whose keys are inside the idempotency horizon").isNotEmpty();
		for (Operation first : settled) {
			Operation repeat = credit.repeat(first);
			assertThat(repeat.status()).as(first.key()).isEqualTo(first.status());
		}
		assertThat(credits()).isEqualTo(credits);
	}

	/** Every create settles on one id of its own, and each of those users exists. */
	public void everyCreateSettlesOnAnIdOfItsOwn() {
		List<String> createdIds = new ArrayList<>();
		for (Map.Entry<String, String> created : new HashMap<>(createdIdByKey).entrySet()) {
			String id = created.getValue();
			for (int attempt = 0; id == null && attempt < 20; attempt++) {
				id = create(created.getKey());
			}
			assertThat(id).as("user created under %s", created.getKey()).isNotNull();
			assertThat(api.get("/users/find/" + id).status()).isEqualTo(200);
			createdIds.add(id);
		}
		assertThat(createdIds).as("ids handed out").doesNotHaveDuplicates().isNotEmpty();
	}

	public Verdict verdict(List<AppliedChange> changes, Map<String, Long> credits) {
		return BankChecker.check(history, changes, credits);
	}

	/** Writes whose outcome the clients had not learned when the load stopped (then retried). */
	public int unresolvedAtTheEnd() {
		return unresolvedAtTheEnd;
	}

	public int usersCreatedUnderLoad() {
		return createdIdByKey.size();
	}

	/** Half the operations go to the hot users; a fifth are reads, the rest add or take credit. */
	private Operation operate(Random choices, String key) {
		String user = users.get(choices.nextBoolean() ? choices.nextInt(HOT_USERS) : choices.nextInt(USERS));
		if (choices.nextInt(5) == 0) {
			return credit.read(user);
		}
		long amount = 1 + choices.nextInt(300);
		return credit.write(user, choices.nextBoolean() ? amount : -amount, key);
	}

	/** The id of the user created under {@code key}, or null when the answer was lost. */
	private String create(String key) {
		try {
			Api.Response response = api.post("/users/create", key);
			return (response.status() == 201) ? response.text("user_id") : null;
		}
		catch (RuntimeException connectionLost) {
			return null;
		}
	}

	private static Operation known(List<Operation> attempts) {
		return History.answers(attempts).stream().findFirst().orElse(attempts.get(0));
	}

}
