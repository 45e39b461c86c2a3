package io.statefront.console;

import java.time.Duration;

import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The history panels of the users page: what the applied-change log holds, as the administrator sees it. */
class ConsoleHistoryIntegrationTest extends IntegrationTest {

	@Test
	void aUsersPageLoadsTheirCreditHistoryAndItIsAPageOfItsOwnWithoutScripts() throws Exception {
		ConsoleAdmin admin = ConsoleAdmin.signedIn(port);
		String user = api().post("/users/create").text("user_id");
		api().post("/users/credit/add/" + user + "/1200", "console-history-" + user);
		api().post("/users/credit/subtract/" + user + "/200");

		assertThat(admin.get("/console/users?user=" + user).body())
			.contains("hx-get=\"/console/users/history?user=" + user + "\"");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			String panel = admin.htmx("/console/users/history?user=" + user).body();
			assertThat(panel).doesNotContain("<html").contains("Credit history");
			assertThat(panel).containsSubsequence("−200", "1,000", "subtract credit", "+1,200", "1,200", "add credit",
					"key console-history-" + user);
		});
		assertThat(admin.get("/console/users/history?user=" + user).body()).contains("<html")
			.contains("User " + user)
			.contains("key console-history-" + user);
	}

	@Test
	void anItemsPanelShowsItsStockHistory() throws Exception {
		ConsoleAdmin admin = ConsoleAdmin.signedIn(port);
		String item = api().post("/stock/item/create/4").text("item_id");
		api().post("/stock/add/" + item + "/9");

		assertThat(admin.get("/console/users?item=" + item).body())
			.contains("hx-get=\"/console/users/history?item=" + item + "\"");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(admin.htmx("/console/users/history?item=" + item).body())
				.contains("Stock history")
				.containsSubsequence("+9", "add stock", "request "));
	}

	@Test
	void aMalformedIdOrCursorIsSaidSoAndNothingIsRead() throws Exception {
		ConsoleAdmin admin = ConsoleAdmin.signedIn(port);

		assertThat(admin.htmx("/console/users/history?user=../etc").body()).contains("Not a history to show");
		assertThat(admin.htmx("/console/users/history?item=1&before=-2").body()).contains("Not a history to show");
		assertThat(admin.htmx("/console/users/history").body()).contains("Name a user or an item");
		assertThat(ConsoleAdmin.anonymous(port).get("/console/users/history?user=1").statusCode()).isEqualTo(302);
	}

}
