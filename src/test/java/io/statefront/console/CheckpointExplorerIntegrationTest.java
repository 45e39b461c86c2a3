package io.statefront.console;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
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
 * counted, one user's credit there beside the credit the API answers now, and what a restart from it
 * would read again from Kafka.
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
