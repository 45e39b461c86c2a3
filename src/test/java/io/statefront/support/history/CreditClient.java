package io.statefront.support.history;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.statefront.support.Api;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client of the ledger's credit writes that records every attempt in a {@link History}, with
 * the user as {@code user/<id>} and a write's delta signed (positive adds, negative takes).
 */
public final class CreditClient {

	private final Api api;

	private final History history;

	public CreditClient(Api api, History history) {
		this.api = api;
		this.history = history;
	}

	/** Creates {@code count} users and gives each {@code credit}, under a key of its own. */
	public List<String> openFundedUsers(int count, long credit) {
		List<String> users = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String id = api.post("/users/create").text("user_id");
			assertThat(write(id, credit, "fund-" + id).status()).isEqualTo(200);
			users.add(id);
		}
		return users;
	}

	public Operation write(String user, long delta, String key) {
		return history.send(api, "POST", path(user, delta), key, "user/" + user, delta, "credit");
	}

	public CompletableFuture<Operation> writeAsync(String user, long delta, String key) {
		return history.sendAsync(api, "POST", path(user, delta), key, "user/" + user, delta, "credit");
	}

	public Operation read(String user) {
		return history.send(api, "GET", "/users/credit/" + user, null, "user/" + user, 0, "credit");
	}

	/** The same write again, under its key. */
	public Operation repeat(Operation write) {
		return write(write.entity().substring("user/".length()), write.delta(), write.key());
	}

	/** Repeats every write whose outcome no attempt learned, with its key, until one does. */
	public void settle() throws InterruptedException {
		for (Operation write : history.unresolved()) {
			Operation current = write;
			for (int attempt = 0; current.outcome() == Outcome.UNKNOWN && attempt < 20; attempt++) {
				current = repeat(write);
				if (current.outcome() == Outcome.UNKNOWN) {
					Thread.sleep(500);
				}
			}
		}
	}

	private static String path(String user, long delta) {
		return "/users/credit/" + ((delta > 0) ? "add/" : "subtract/") + user + "/" + Math.abs(delta);
	}

}
