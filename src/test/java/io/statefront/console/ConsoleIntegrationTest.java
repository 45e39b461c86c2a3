package io.statefront.console;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.statefront.analytics.EventSimulator;
import io.statefront.analytics.SimulatorSettings;
import io.statefront.platform.StatefrontProperties;
import io.statefront.platform.flink.FlinkRuntime;
import io.statefront.platform.flink.RestorePoint;
import io.statefront.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console on the whole application: who gets in, what the pages show, and that each action
 * does what it says through the real pipeline, and nothing when it is refused.
 */
class ConsoleIntegrationTest extends IntegrationTest {

	private static final Pattern PATH = Pattern.compile("(?:Checkpoint completed|Savepoint taken): (file:\\S+?)</p>");

	@Autowired
	FlinkRuntime flink;

	@Autowired
	StatefrontProperties statefront;

	@Autowired
	EventSimulator simulator;

	@Test
	void onlyTheSignedInAdministratorGetsIn() throws Exception {
		ConsoleAdmin stranger = ConsoleAdmin.anonymous(port);
		HttpResponse<String> page = stranger.get("/console");
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/console/login"));
		// an htmx panel whose session expired reloads the page rather than showing a sign-in form inside itself
		HttpResponse<String> panel = stranger.htmx("/console");
		assertThat(panel.statusCode()).isEqualTo(401);
		assertThat(panel.headers().firstValue("HX-Refresh")).contains("true");

		HttpResponse<String> wrong = stranger.signIn(ADMIN, "not-the-password");
		assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/console/login?error"));
		HttpResponse<String> apiUser = stranger.signIn(API_USER, API_PASSWORD);
		assertThat(apiUser.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/console/login?error"));
		assertThat(anonymous().get("/console").status()).isNotEqualTo(200);
		assertThat(api().get("/console").status()).isNotEqualTo(200);

		HttpResponse<String> overview = ConsoleAdmin.signedIn(port).get("/console");
		assertThat(overview.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				policy -> assertThat(policy).contains("script-src 'self'").doesNotContain("unsafe-inline"));
		assertThat(overview.headers().firstValue("X-Frame-Options")).contains("DENY");
	}

	@Test
	void signingInLandsOnThePageAskedFor() throws Exception {
		ConsoleAdmin admin = ConsoleAdmin.anonymous(port);
		admin.get("/console");
		HttpResponse<String> signedIn = admin.signIn(ADMIN, ADMIN_PASSWORD);
		assertThat(signedIn.headers().firstValue("Location")).contains("http://localhost:" + port + "/console");
		assertThat(admin.get("/console").body()).contains("Flink jobs");

		ConsoleAdmin deepLink = ConsoleAdmin.anonymous(port);
		deepLink.get("/console/checkpoints?job=analytics");
		// a panel's refresh is not a page to land on
		deepLink.htmx("/console");
		HttpResponse<String> landed = deepLink.signIn(ADMIN, ADMIN_PASSWORD);
		assertThat(landed.headers().firstValue("Location"))
			.contains("http://localhost:" + port + "/console/checkpoints?job=analytics");
		assertThat(deepLink.get("/console/checkpoints?job=analytics").body()).contains("analytics — counts and history");
	}

	@Test
	void theOverviewShowsEveryJobRunningTheTopicsAndTheHealthOfEachPart() throws Exception {
		ConsoleAdmin admin = ConsoleAdmin.signedIn(port);

		String page = admin.get("/console").body();
		assertThat(page).contains("<html").contains("Flink jobs");
		for (String job : flink.jobNames()) {
			assertThat(page).containsPattern("<td>" + job + "</td>\\s*<td><span class=\"status up\">RUNNING</span>");
		}
		assertThat(page).contains("<td>users-create</td>").contains("<strong>Kafka broker</strong>")
			.contains("<strong>Request gateway</strong>");

		String panels = admin.htmx("/console").body();
		assertThat(panels).doesNotContain("<html").startsWith("<div id=\"panels\"").contains("<td>functions</td>");
	}

	@Test
	void aCheckpointTakenFromTheConsoleAppearsInItsHistoryWithWhatEachTaskDid() throws Exception {
		ConsoleAdmin admin = ConsoleAdmin.signedIn(port);
		admin.get("/console/checkpoints?job=functions");

		long completedBefore = completed(admin.htmx("/console/checkpoints?job=functions").body());
		String answer = admin.post("/console/checkpoints/functions/checkpoint", Map.of()).body();
		Matcher taken = PATH.matcher(answer);
		assertThat(taken.find()).as(answer).isTrue();
		String checkpoint = taken.group(1);
		String id = checkpoint.substring(checkpoint.lastIndexOf("chk-") + 4);
		// the answer brings the counts and the latest checkpoint along (out of band): they agree with it at once
		assertThat(answer).contains("id=\"history\" hx-swap-oob=\"true\"");
		assertThat(completed(answer)).isEqualTo(completedBefore + 1);
		assertThat(answer).containsPattern("<dt>Latest completed</dt>\\s*<dd>[^<]* · " + Pattern.quote(checkpoint) + "</dd>");

		String history = admin.htmx("/console/checkpoints?job=functions").body();
		assertThat(history).doesNotContain("<html").contains(checkpoint).contains(">COMPLETED<");
		assertThat(Files.readString(statefront.checkpointHistoryDir().resolve("functions.jsonl"))).contains(checkpoint);

		Matcher link = Pattern.compile("href=\"(/console/checkpoints/functions/[0-9a-f]+/" + id + "\\?status=COMPLETED)\"")
			.matcher(history);
		assertThat(link.find()).isTrue();
		String detail = admin.get(link.group(1)).body();
		assertThat(detail).contains("Checkpoint " + id + " of functions").contains("users").contains("Synchronous");

		assertThat(admin.get("/console/checkpoints/functions/0123/999999").statusCode()).isEqualTo(404);
		assertThat(admin.get("/console/checkpoints/nope").statusCode()).isEqualTo(404);
	}

	@Test
	void aJobRestartedFromAChosenCheckpointReplaysWhatCameAfterItExactlyOnce() throws Exception {
		String user = api().post("/users/create").text("user_id");
		assertThat(api().post("/users/credit/add/" + user + "/40").status()).isEqualTo(200);
		ConsoleAdmin admin = ConsoleAdmin.signedIn(port);
		admin.get("/console/checkpoints?job=functions");
		Matcher taken = PATH.matcher(admin.post("/console/checkpoints/functions/checkpoint", Map.of()).body());
		assertThat(taken.find()).isTrue();
		String checkpoint = RestorePoint.folderOf(taken.group(1));
		// after the checkpoint: restored state does not hold it, Kafka does, and it must count once
		assertThat(api().post("/users/credit/add/" + user + "/2").number("credit")).isEqualTo(42);
		var before = flink.job("functions").orElseThrow();

		String unconfirmed = admin.post("/console/checkpoints/functions/restart", Map.of("from", checkpoint.toString())).body();
		assertThat(unconfirmed).contains("Confirm the restart");
		String foreign = admin
			.post("/console/checkpoints/functions/restart", Map.of("from", "/etc/passwd", "confirm", "true"))
			.body();
		assertThat(foreign).contains("Choose one of the retained checkpoints");
		assertThat(flink.job("functions").orElseThrow()).isEqualTo(before);

		String restarted = admin
			.post("/console/checkpoints/functions/restart", Map.of("from", checkpoint.toString(), "confirm", "true"))
			.body();
		assertThat(restarted).contains("Restarted functions from " + checkpoint);
		assertThat(flink.job("functions").orElseThrow().restoredFrom()).contains(checkpoint);
		assertThat(flink.isRunning("functions")).isTrue();
		assertThat(api().get("/users/credit/" + user).number("credit")).isEqualTo(42);
		assertThat(admin.htmx("/console/checkpoints?job=functions").body()).contains(">RESTORED<");
	}

	@Test
	void aSavepointBecomesSomethingToRestartFrom() throws Exception {
		ConsoleAdmin admin = ConsoleAdmin.signedIn(port);
		admin.get("/console/checkpoints?job=analytics");
		Matcher taken = PATH.matcher(admin.post("/console/checkpoints/analytics/savepoint", Map.of()).body());
		assertThat(taken.find()).isTrue();
		String savepoint = RestorePoint.folderOf(taken.group(1));

		assertThat(savepoint).startsWith(statefront.savepointsDir().resolve("analytics").toString());
		assertThat(flink.restorePoints("analytics")).extracting(RestorePoint::path).contains(savepoint);
		assertThat(admin.get("/console/checkpoints?job=analytics").body()).contains("savepoint " + Path.of(savepoint).getFileName());
	}

	@Test
	void creditChangesGoThroughTheLedgerWithItsRefusalsAndApplyOncePerForm() throws Exception {
		String user = api().post("/users/create").text("user_id");
		assertThat(api().post("/users/credit/add/" + user + "/100").status()).isEqualTo(200);
		ConsoleAdmin admin = ConsoleAdmin.signedIn(port);

		String found = admin.get("/console/users?user=" + user).body();
		assertThat(found).contains("User " + user).contains("<dd class=\"credit\">100</dd>");
		String submission = hidden(found, "submission");

		Map<String, String> add = Map.of("user", user, "change", "add", "amount", "25", "submission", submission);
		assertThat(admin.post("/console/users/credit", add).body()).contains("now has 125");
		// the same form again (a double click, a retry): applied once
		assertThat(admin.post("/console/users/credit", add).body()).contains("now has 125");
		assertThat(api().get("/users/credit/" + user).number("credit")).isEqualTo(125);

		String tooMuch = admin.post("/console/users/credit",
				Map.of("user", user, "change", "subtract", "amount", "500", "submission", java.util.UUID.randomUUID().toString()))
			.body();
		assertThat(tooMuch).contains("has 125 credits, fewer than 500");
		for (String nonsense : new String[] { "1e3", "-5", "0", "1.5", "99999999999999999999" }) {
			assertThat(admin.post("/console/users/credit",
					Map.of("user", user, "change", "add", "amount", nonsense, "submission", java.util.UUID.randomUUID().toString()))
				.body()).as(nonsense).contains("Not changed");
		}
		assertThat(admin.get("/console/users?user=../etc").body()).contains("“../etc” is not a user id");
		assertThat(api().get("/users/credit/" + user).number("credit")).isEqualTo(125);

		String unconfirmed = admin.post("/console/users/remove", Map.of("user", user, "submission", submission)).body();
		assertThat(unconfirmed).contains("Confirm the removal");
		assertThat(admin.post("/console/users/remove",
				Map.of("user", user, "confirm", "true", "submission", java.util.UUID.randomUUID().toString())).body())
			.contains("Removed user " + user);
		assertThat(admin.get("/console/users?user=" + user).body()).contains("No user " + user);
	}

	@Test
	void theSimulatorTakesNewSettingsAtOnceAndRefusesNonsense() throws Exception {
		ConsoleAdmin admin = ConsoleAdmin.signedIn(port);
		admin.get("/console/simulator");
		try {
			assertThat(admin.post("/console/simulator",
					Map.of("running", "true", "eventsPerSecond", "5", "bouncerPercent", "80")).body())
				.contains("Simulating 5 events per second");
			assertThat(simulator.settings()).isEqualTo(new SimulatorSettings(true, 5, 80));
			assertThat(admin.post("/console/simulator",
					Map.of("running", "true", "eventsPerSecond", "5", "bouncerPercent", "150")).body())
				.contains("Not changed");

			assertThat(admin.post("/console/simulator", Map.of("running", "true", "eventsPerSecond", "lots")).body())
				.contains("Not changed");
			assertThat(admin.post("/console/simulator", Map.of("running", "true", "eventsPerSecond", "-1")).body())
				.contains("Not changed");
			assertThat(simulator.settings().eventsPerSecond()).isEqualTo(5);
		}
		finally {
			admin.post("/console/simulator", Map.of("eventsPerSecond", "0", "bouncerPercent", "0"));
		}
		assertThat(simulator.settings()).isEqualTo(new SimulatorSettings(false, 0, 0));
	}

	/** The completed checkpoints the history panel counts. */
	private static long completed(String panel) {
		Matcher count = Pattern.compile("<dt>Completed</dt><dd>(\\d+)</dd>").matcher(panel);
		assertThat(count.find()).as(panel).isTrue();
		return Long.parseLong(count.group(1));
	}

	private static String hidden(String page, String name) {
		Matcher field = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(page);
		assertThat(field.find()).isTrue();
		return field.group(1);
	}

}
