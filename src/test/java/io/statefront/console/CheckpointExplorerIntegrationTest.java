package io.statefront.console;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The checkpoint explorer on the whole application: a checkpoint of the running functions job
 * (RocksDB, incremental, two subtasks) read in the background from the console, its operators
 * counted, one user's credit there beside the credit the API answers now, what a restart from it
 * would read again from Kafka, and which acknowledged writes after it that restart would apply again.
 */
class CheckpointExplorerIntegrationTest extends IntegrationTest {

	private static final Pattern PATH = Pattern.compile("Checkpoint completed: (file:\\S+?)</p>");

	@Test
	void showsWhatACheckpointHoldsAndOneUsersCreditThereBesideItsCreditNow() throws Exception {
		String user = api().post("/users/create").text("user_id");
		assertThat(api().post("/users/credit/add/" + user + "/40").status()).isEqualTo(200);
		ConsoleAdmin admin = ConsoleAdmin.signedIn(port);
		admin.get("/console/checkpoints?job=functions");
		Matcher taken = PATH.matcher(admin.post("/console/checkpoints/functions/checkpoint", Map.of()).body());
		assertThat(taken.find()).isTrue();
		String checkpoint = Path.of(URI.create(taken.group(1))).normalize().toString();
		assertThat(api().post("/users/credit/add/" + user + "/2").number("credit")).isEqualTo(42);
		String page = "/console/checkpoints/functions/explore?point=" + URLEncoder.encode(checkpoint, StandardCharsets.UTF_8);

		assertThat(admin.get("/console/checkpoints?job=functions").body()).contains("See its state");
		String opened = admin.get(page).body();
		assertThat(opened).contains("Not read yet");
		// the page's own links, as a browser follows them
		String count = link(opened, "hx-post", "/explore?");
		String replayLink = link(opened, "hx-get", "/explore/replay?");
		assertThat(admin.post(count, Map.of()).body()).contains("running");
		String counted = awaitDone(admin, page);
		assertThat(counted).contains("user-function").contains("account (value)").contains("user-applied (map)")
			.contains("item-function").contains("order-function");

		admin.post(link(counted, "hx-post", "/explore/key?"), Map.of("uid", "user-function", "key", user));
		String found = awaitDone(admin, page);
		assertThat(found).contains("Key " + user + " in user-function")
			.containsPattern("<tr class=\"changed\">\\s*<td>account</td><td>credit</td>\\s*<td class=\"path\">40</td>\\s*<td class=\"path\">42</td>");

		// the credit added after the checkpoint is in the users topic past the offsets it restores
		String replay = admin.htmx(replayLink).body();
		assertThat(replay).contains("would be read again")
			.containsPattern("<td>users</td>\\s*<td class=\"number\">[1-9]")
			.containsPattern("<td>" + user + "</td>\\s*<td class=\"path wide\">[^<]*ADD_CREDIT");

		String lookUp = link(found, "hx-post", "/explore/key?");
		assertThat(admin.post(lookUp, Map.of("uid", "user-function", "key", " ")).statusCode()).isEqualTo(400);
		assertThat(admin.get("/console/checkpoints/functions/explore?point=/etc").statusCode()).isEqualTo(404);
		assertThat(admin.get("/console/checkpoints/nope/explore?point=" + checkpoint).statusCode()).isEqualTo(404);
	}

	@Test
	void listsTheAcknowledgedWritesAfterACheckpointThatARestartFromItAppliesAgain() throws Exception {
		String user = api().post("/users/create").text("user_id");
		String item = api().post("/stock/item/create/1").text("item_id");
		assertThat(api().post("/users/credit/add/" + user + "/40", "before-" + user).status()).isEqualTo(200);
		assertThat(api().post("/stock/add/" + item + "/5", "before-" + item).status()).isEqualTo(200);
		ConsoleAdmin admin = ConsoleAdmin.signedIn(port);
		admin.get("/console/checkpoints?job=functions");
		Matcher taken = PATH.matcher(admin.post("/console/checkpoints/functions/checkpoint", Map.of()).body());
		assertThat(taken.find()).isTrue();
		String checkpoint = Path.of(URI.create(taken.group(1))).normalize().toString();

		assertThat(api().post("/users/credit/add/" + user + "/2", "after-1-" + user).status()).isEqualTo(200);
		assertThat(api().post("/users/credit/subtract/" + user + "/1", "after-2-" + user).status()).isEqualTo(200);
		// a retry of an acknowledged request changes nothing, so it is no write of its own
		assertThat(api().post("/users/credit/add/" + user + "/2", "after-1-" + user).status()).isEqualTo(200);
		assertThat(api().post("/stock/add/" + item + "/3", "after-" + item).status()).isEqualTo(200);
		String order = api().post("/orders/create/" + user).text("order_id");
		assertThat(api().post("/orders/addItem/" + order + "/" + item + "/1").status()).isEqualTo(200);
		assertThat(api().post("/orders/checkout/" + order).status()).isEqualTo(200);

		String page = admin.get("/console/checkpoints/functions/explore?point="
				+ URLEncoder.encode(checkpoint, StandardCharsets.UTF_8)).body();
		String replayLink = link(page, "hx-get", "/explore/replay?");
		List<String> expected = List.of("user " + user + " +2 key after-1-" + user,
				"user " + user + " −1 key after-2-" + user, "item " + item + " +3 key after-" + item,
				"user " + user + " −1 order " + order + " · attempt * · pay:" + user,
				"item " + item + " −1 order " + order + " · attempt * · take_stock:" + item);
		String[] replay = new String[1];
		// the change log is written beside the answers, so its last changes may land just after them
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			replay[0] = admin.htmx(replayLink).body();
			assertThat(writes(replay[0], user, item)).containsExactlyInAnyOrderElementsOf(expected);
		});

		assertThat(replay[0]).contains("Acknowledged writes after this point")
			.contains("applied again from the command log: each from its command, and answered as before")
			.containsPattern("<dt>Users(?:'|&#39;) credit</dt>\\s*<dd>([3-9]|[1-9]\\d+) changes</dd>")
			.containsPattern("<dt>Items(?:'|&#39;) stock</dt>\\s*<dd>([2-9]|[1-9]\\d+) changes</dd>")
			.doesNotContain("before-" + user)
			.doesNotContain("before-" + item);
	}

	/** The replayed writes the fragment lists for the user and the item: entity, change and request. */
	private static List<String> writes(String fragment, String user, String item) {
		Matcher row = Pattern.compile("<td class=\"entity\"><a [^>]*>([^<]+)</a></td>\\s*"
				+ "<td class=\"number change[^\"]*\">([^<]+)</td>.*?<td class=\"request\">([^<]+)</td>", Pattern.DOTALL)
			.matcher(fragment);
		List<String> rows = new ArrayList<>();
		while (row.find()) {
			if (row.group(1).equals("user " + user) || row.group(1).equals("item " + item)) {
				// an attempt is the number the order gives the operation that sent the step (adding an item is one)
				rows.add((row.group(1) + " " + row.group(2) + " " + row.group(3)).replaceAll("attempt \\d+", "attempt *"));
			}
		}
		return rows;
	}

	private static String link(String page, String attribute, String to) {
		Matcher link = Pattern.compile(attribute + "=\"([^\"]*" + Pattern.quote(to) + "[^\"]*)\"").matcher(page);
		assertThat(link.find()).as("a %s link to %s", attribute, to).isTrue();
		return link.group(1).replace("&amp;", "&");
	}

	private static String awaitDone(ConsoleAdmin admin, String page) {
		String[] body = new String[1];
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
			body[0] = admin.htmx(page).body();
			return !body[0].contains(">running<");
		});
		assertThat(body[0]).contains(">done<");
		return body[0];
	}

}
