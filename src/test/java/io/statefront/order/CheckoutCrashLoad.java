package io.statefront.order;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import io.statefront.platform.flink.AppliedChange;
import io.statefront.support.Api;
import io.statefront.support.Api.Response;
import io.statefront.support.history.BankChecker;
import io.statefront.support.history.History;
import io.statefront.support.history.Operation;
import io.statefront.support.history.Outcome;
import io.statefront.support.history.Verdict;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checkouts' load and checks in the crash run ({@code ShopCrashIT}): concurrent clients check
 * out the orders of a batch, each repeated under its key through every outage; afterwards every
 * order is either paid with its stock and credit taken, or unpaid with nothing taken: stock + sold
 * and credit + spent are conserved for every item and user, every answer a client got holds, and
 * the functions' exactly-once log of applied changes bears it out saga by saga ({@link BankChecker}
 * for the balances).
 */
public final class CheckoutCrashLoad {

	// scarce on purpose: each user can pay for two orders, and the items run out after about 120
	// orders, so however few checkouts a slow machine sends before the kill, many are refused, for
	// stock and for credit, each after something was taken and had to be given back

	/** Users 0 to 99, which the batch init opens (ids the ledger's creates then skip). */
	private static final int USERS = 100;

	private static final int ITEMS = 30;

	private static final int ORDERS = 20_000;

	/**
	 * Orders past the last one a client took that are read too, and must be unpaid: nothing asked for
	 * them. The rest of the batch, never asked for either, is left unread.
	 */
	private static final int UNASKED_READ = 500;

	private static final long CREDIT = 5;

	private static final long STOCK = 8;

	private static final long PRICE = 1;

	private static final int CLIENTS = 16;

	private static final long OUTAGE_PAUSE_MILLIS = 200;

	private final History history = new History();

	private final Api api;

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicInteger nextOrder = new AtomicInteger();

	private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);

	private final Map<Integer, Integer> statusByOrder = new HashMap<>();

	private final List<JsonNode> orders = new ArrayList<>();

	private int unresolvedAtTheEnd;

	private long paid;

	public CheckoutCrashLoad(Api api) {
		this.api = api;
	}

	/** The batch inits, the administrator's: users, scarce stock, and the orders to check out. */
	public void open(Api admin) {
		assertThat(admin.post("/payment/batch_init/" + USERS + "/" + CREDIT).status()).isEqualTo(200);
		assertThat(admin.post("/stock/batch_init/" + ITEMS + "/" + STOCK + "/" + PRICE).status()).isEqualTo(200);
		assertThat(admin.post("/orders/batch_init/" + ORDERS + "/" + ITEMS + "/" + USERS + "/" + PRICE).status())
			.isEqualTo(200);
	}

	public void start() {
		for (int client = 0; client < CLIENTS; client++) {
			clients.submit(() -> {
				for (int order = nextOrder.getAndIncrement(); running.get() && order < ORDERS; order = nextOrder
					.getAndIncrement()) {
					Operation attempt = checkout(order);
					// through an outage a client keeps asking with its key, as a real one would
					while ((attempt.status() == Outcome.NO_ANSWER || attempt.status() == 503) && running.get()) {
						Thread.sleep(OUTAGE_PAUSE_MILLIS);
						attempt = checkout(order);
					}
				}
				return null;
			});
		}
	}

	/** Tells the clients to stop after the checkout each is on. */
	public void stop() {
		running.set(false);
		clients.shutdown();
	}

	/** Once the clients have stopped, repeats every checkout whose outcome they never learned until it is known. */
	public void settle() throws InterruptedException {
		assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
		List<Operation> unresolved = history.unresolved();
		unresolvedAtTheEnd = unresolved.size();
		for (Operation checkout : unresolved) {
			Operation current = checkout;
			for (int attempt = 0; current.outcome() == Outcome.UNKNOWN && attempt < 20; attempt++) {
				current = checkout(orderOf(checkout));
				if (current.outcome() == Outcome.UNKNOWN) {
					Thread.sleep(500);
				}
			}
		}
		assertThat(history.unresolved()).as("checkouts still unresolved after the retries").isEmpty();
	}

	/**
	 * Reads the orders, users and items: an order is paid if and only if its checkout was answered
	 * 200, and credit + spent and stock + sold are what the batch gave each user and item. Returns
	 * the balances, by their names in the log of applied changes.
	 */
	public Map<String, Long> conservedBalances() {
		history.byKey()
			.values()
			.forEach(attempts -> statusByOrder.put(orderOf(attempts.get(0)),
					History.answers(attempts).stream().findFirst().map(Operation::status).orElse(503)));
		int read = Math.min(ORDERS, nextOrder.get() + UNASKED_READ);
		orders.addAll(all(read, order -> "/orders/find/" + order));
		Map<String, Long> spentByUser = new HashMap<>();
		Map<String, Long> soldByItem = new HashMap<>();
		for (int order = 0; order < read; order++) {
			JsonNode found = orders.get(order);
			boolean isPaid = found.path("paid").asBoolean();
			Integer status = statusByOrder.get(order);
			assertThat(isPaid).as("order %d, answered %s", order, status).isEqualTo(status != null && status == 200);
			if (isPaid) {
				paid++;
				spentByUser.merge(found.path("user_id").asString(), found.path("total_cost").asLong(), Long::sum);
				for (JsonNode line : found.path("items")) {
					soldByItem.merge(line.get(0).asString(), line.get(1).asLong(), Long::sum);
				}
			}
		}
		assertThat(paid).as("orders paid").isGreaterThan(50);
		assertThat(statusByOrder.size() - paid).as("orders refused").isGreaterThan(50);

		Map<String, Long> balances = new HashMap<>();
		List<JsonNode> users = all(USERS, user -> "/payment/find_user/" + user);
		for (int user = 0; user < USERS; user++) {
			long credit = users.get(user).path("credit").asLong();
			balances.put("user/" + user, credit);
			assertThat(credit + spentByUser.getOrDefault(Integer.toString(user), 0L)).as("credit + spent of user %d", user)
				.isEqualTo(CREDIT);
		}
		List<JsonNode> items = all(ITEMS, item -> "/stock/find/" + item);
		for (int item = 0; item < ITEMS; item++) {
			long stock = items.get(item).path("stock").asLong();
			balances.put("item/" + item, stock);
			assertThat(stock + soldByItem.getOrDefault(Integer.toString(item), 0L)).as("stock + sold of item %d", item)
				.isEqualTo(STOCK);
		}
		return balances;
	}

	public Verdict verdict(List<AppliedChange> changes, Map<String, Long> balances) {
		return BankChecker.check(history, changes, balances);
	}

	/**
	 * What the log of applied changes says each checkout did, per entity, summed over every attempt
	 * of its saga: a paid order took its total from its user and each line's quantity from its item;
	 * a refused one, once its compensations ran, took nothing from anyone. After
	 * {@link #conservedBalances}, which reads the orders.
	 */
	public List<String> sagaProblems(List<AppliedChange> changes) {
		Map<String, Map<String, Long>> netByOrder = new HashMap<>();
		for (AppliedChange change : changes) {
			String[] sagaStep = change.messageId().split("/");
			if (sagaStep.length == 3) {
				netByOrder.computeIfAbsent(sagaStep[0], order -> new HashMap<>())
					.merge(change.entity(), change.delta(), Long::sum);
			}
		}
		List<String> problems = new ArrayList<>();
		statusByOrder.forEach((order, status) -> {
			JsonNode found = orders.get(order);
			Map<String, Long> expected = new HashMap<>();
			if (status == 200) {
				expected.put("user/" + found.path("user_id").asString(), -found.path("total_cost").asLong());
				for (JsonNode line : found.path("items")) {
					expected.merge("item/" + line.get(0).asString(), -line.get(1).asLong(), Long::sum);
				}
			}
			Map<String, Long> logged = new HashMap<>(netByOrder.getOrDefault(Integer.toString(order), Map.of()));
			logged.values().removeIf(net -> net == 0);
			if (!logged.equals(expected)) {
				problems.add("order " + order + " answered " + status + " should have changed " + expected
						+ " but the log shows " + logged);
			}
		});
		return problems;
	}

	/** Checkouts whose outcome the clients had not learned when the load stopped (then retried). */
	public int unresolvedAtTheEnd() {
		return unresolvedAtTheEnd;
	}

	public int checkouts() {
		return statusByOrder.size();
	}

	public long paid() {
		return paid;
	}

	private static int orderOf(Operation checkout) {
		return Integer.parseInt(checkout.entity().substring("order/".length()));
	}

	private Operation checkout(int order) {
		return history.send(api, "POST", "/orders/checkout/" + order, "checkout-" + order, "order/" + order, 0,
				"credit");
	}

	/**
	 * GETs {@code count} paths, a few hundred at a time, each expected to answer 200. A read that
	 * got no answer in time (504) is asked again: on a busy machine the restarted jobs may still be
	 * catching up, and a read changes nothing.
	 */
	private List<JsonNode> all(int count, IntFunction<String> path) {
		List<JsonNode> bodies = new ArrayList<>();
		for (int from = 0; from < count; from += 500) {
			List<CompletableFuture<Response>> calls = IntStream.range(from, Math.min(count, from + 500))
				.mapToObj(i -> api.call("GET", path.apply(i), Map.of()))
				.toList();
			for (int i = 0; i < calls.size(); i++) {
				Response response = calls.get(i).join();
				for (int attempt = 0; response.status() == 504 && attempt < 5; attempt++) {
					response = api.get(path.apply(from + i));
				}
				assertThat(response.status()).isEqualTo(200);
				bodies.add(response.json());
			}
		}
		return bodies;
	}

}
