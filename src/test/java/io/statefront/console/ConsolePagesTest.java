package io.statefront.console;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxMvcAutoConfiguration;
import io.statefront.analytics.EventSimulator;
import io.statefront.analytics.SimulatorSettings;
import io.statefront.analytics.Traffic;
import io.statefront.analytics.history.MetricsStore;
import io.statefront.catalogue.Catalogue;
import io.statefront.catalogue.Product;
import io.statefront.ledger.LedgerClient;
import io.statefront.order.OrderClient;
import io.statefront.order.OrderLine;
import io.statefront.order.OrderResult;
import io.statefront.platform.disk.DataDirUsage;
import io.statefront.platform.disk.DiskGuard;
import io.statefront.platform.disk.DiskSpace;
import io.statefront.platform.flink.CheckpointHistory.CheckpointCounts;
import io.statefront.platform.flink.CheckpointHistory;
import io.statefront.platform.flink.CheckpointRecord.Status;
import io.statefront.platform.flink.CheckpointRecord.TaskRecord;
import io.statefront.platform.flink.CheckpointRecord;
import io.statefront.platform.flink.FlinkRuntime;
import io.statefront.platform.flink.JobRequests;
import io.statefront.platform.flink.RestorePoint;
import io.statefront.platform.gateway.PipelineUnavailableException;
import io.statefront.platform.StatefrontProperties;
import io.statefront.platform.limits.LimitsProperties;
import io.statefront.platform.security.Secrets;
import io.statefront.platform.web.EntityId;
import io.statefront.stock.ItemResult;
import io.statefront.stock.StockClient;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.requestreply.KafkaReplyTimeoutException;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The console's pages and their htmx fragments, rendered by the console's own filter chain. The
 * pipeline behind them is stood in for by Mockito (the same pages on the real pipeline:
 * {@link ConsoleIntegrationTest}, {@link ConsoleBrowserTest}).
 */
@WebMvcTest(controllers = { OverviewController.class, CheckpointsController.class, CheckpointActions.class,
		UsersController.class, SimulatorPanelController.class, AnalyticsPageController.class, LoginController.class },
		// as the application does: platform.web configures the part of htmx it uses
		excludeAutoConfiguration = HtmxMvcAutoConfiguration.class,
		// set, so that none is generated into a data directory
		properties = "statefront.console.admin-password=pages-test-password")
@Import({ ConsoleSecurity.class, CheckpointHistoryPanel.class, Catalogue.class, Secrets.class })
@EnableConfigurationProperties({ LimitsProperties.class, StatefrontProperties.class })
class ConsolePagesTest {

	private static final String RUN = "5a7b1d7d32cb3c6a72f76dcdfbe57fc0";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	FlinkRuntime flink;

	@MockitoBean
	JobRequests requests;

	@MockitoBean
	CheckpointHistory history;

	@MockitoBean
	JobFigures jobs;

	@MockitoBean
	KafkaOffsets kafka;

	@MockitoBean
	LedgerClient ledger;

	@MockitoBean
	StockClient stock;

	@MockitoBean
	OrderClient orders;

	@MockitoBean
	EventSimulator simulator;

	@MockitoBean
	MetricsStore store;

	@MockitoBean(name = "broker")
	HealthIndicator broker;

	@MockitoBean(name = "gateway")
	HealthIndicator gateway;

	@Autowired
	Catalogue catalogue;

	@MockitoBean
	DataDirUsage usage;

	@MockitoBean
	DiskGuard guard;

	private final CheckpointRecord completed = new CheckpointRecord("functions", RUN, 7, Status.COMPLETED, false,
			Instant.parse("2026-11-22T10:00:00Z").toEpochMilli(), 25, 7_270, 1_536, "file:/data/checkpoints/functions/" + RUN + "/chk-7",
			null, List.of(new TaskRecord("Source: users -> user function", 2, 0, 2, 5, 0, 1, 3_000),
					new TaskRecord("user replies: Writer -> user replies: Committer", 2, 0, 1, 0, 0, 1, 0)));

	private final CheckpointRecord failed = new CheckpointRecord("functions", RUN, 8, Status.FAILED, false,
			Instant.parse("2026-11-22T10:00:10Z").toEpochMilli(), 60_000, 0, 0, null, "Checkpoint expired before completing",
			List.of());

	@BeforeEach
	void pipeline() throws Exception {
		given(flink.jobNames()).willReturn(List.of("functions", "analytics"));
		given(history.history("functions")).willReturn(List.of(failed, completed));
		given(history.counts("functions")).willReturn(new CheckpointCounts(8, 0, 7, 1, 0));
		given(history.find("functions", RUN, 7, Status.COMPLETED)).willReturn(Optional.of(completed));
		given(flink.restorePoints("functions")).willReturn(List.of(new RestorePoint(RestorePoint.Kind.CHECKPOINT,
				"/data/checkpoints/functions/" + RUN + "/chk-7", Instant.parse("2026-11-22T10:00:00Z"))));
		given(jobs.rows()).willReturn(List.of(new JobFigures.JobRow("functions", "RUNNING", Duration.ofMinutes(3), 2, true, 0, 12.5, 12.5, 0, null),
				new JobFigures.JobRow("analytics", "RESTARTING", null, 1, true, 2, 0, 0, 0.4, null),
				new JobFigures.JobRow("orders", "CANCELED", null, 1, true, 5, 0, 0, 0,
						"Flink job 'orders' stopped: it restored offset 3 of orders-1")));
		given(kafka.topics()).willReturn(List.of(new KafkaOffsets.TopicRow("users", 4, 120,
				List.of(new KafkaOffsets.GroupLag("statefront-job-functions", 3, false))),
				new KafkaOffsets.TopicRow("orders", 4, 80, List.of(new KafkaOffsets.GroupLag("statefront-job-orders", 9, true)))));
		given(kafka.patience()).willReturn(Duration.ofMinutes(1));
		given(flink.checkpointInterval()).willReturn(Duration.ofSeconds(10));
		given(broker.health()).willReturn(Health.up().withDetail("brokers", 1).build());
		given(gateway.health()).willReturn(Health.up().withDetail("listening", true).withDetail("pendingRequests", 0)
			.withDetail("replyLatencyP50Ms", 23.59296).withDetail("replyLatencyP99Ms", 4.25).build());
		given(simulator.settings()).willReturn(new SimulatorSettings(true, 200, 0));
		given(usage.latest()).willReturn(new DataDirUsage.Usage(Path.of("/data"),
				List.of(new DataDirUsage.Part("broker log", Path.of("/data/kafka"), 3 * 1024 * 1024, true),
						new DataDirUsage.Part("archive", Path.of("/data/archive"), 0, false)),
				3 * 1024 * 1024 + 2048, Instant.parse("2026-11-22T10:00:00Z")));
		given(guard.space()).willReturn(new DiskSpace(70L << 30, 250L << 30, 12_800L << 20, false,
				Instant.parse("2026-11-22T10:00:01Z")));
	}

	@Test
	void anonymousVisitorsAreSentToSignInAndExpiredHtmxPanelsReloadThePage() throws Exception {
		var page = mvc.perform(get("/console").accept("text/html")).andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(302);
		assertThat(page.getRedirectedUrl()).endsWith("/console/login");

		var panel = mvc.perform(get("/console").header("HX-Request", "true")).andReturn().getResponse();
		assertThat(panel.getStatus()).isEqualTo(401);
		assertThat(panel.getHeader("HX-Refresh")).isEqualTo("true");

		assertThat(mvc.perform(get("/console/login")).andReturn().getResponse().getContentAsString())
			.contains("name=\"username\"", "name=\"_csrf\"");
	}

	@Test
	@WithMockUser(roles = "CUSTOMER")
	void aShopperIsRefused() throws Exception {
		assertThat(mvc.perform(get("/console")).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(mvc.perform(post("/console/checkpoints/functions/checkpoint").with(csrf())).andReturn().getResponse()
			.getStatus()).isEqualTo(403);
	}

	@Test
	@WithMockUser(roles = "ADMIN")
	void theOverviewIsAPageAndItsPanelsAFragment() throws Exception {
		String page = mvc.perform(get("/console")).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("<html", "<nav class=\"sections\"", "id=\"panels\"", "every 3s")
			.containsPattern("<td>functions</td>\\s*<td><span class=\"status up\">RUNNING</span></td>\\s*<td class=\"wide\">3 min</td>")
			.containsPattern("<td>analytics</td>\\s*<td><span class=\"status down\">RESTARTING</span></td>\\s*<td class=\"wide\">—</td>")
			.containsPattern("<td colspan=\"8\"><p class=\"message error\" role=\"alert\">Flink job &#39;orders&#39; "
					+ "stopped: it restored offset 3 of orders-1</p></td>")
			.doesNotContain("Flink job &#39;functions&#39;")
			.contains("statefront-job-functions 3", "<strong>Kafka broker</strong>", "brokers: 1");

		var panels = mvc.perform(get("/console").header("HX-Request", "true")).andReturn().getResponse();
		assertThat(panels.getContentAsString()).startsWith("<div id=\"panels\"").doesNotContain("<html", "<nav");
		// a cache keeps the page and its fragment apart
		assertThat(panels.getHeaders("Vary")).containsOnlyOnce("HX-Request");
	}

	@Test
	@WithMockUser(roles = "ADMIN")
	void theOverviewNamesEachPartAndWritesItsFiguresInTheirUnits() throws Exception {
		String panels = mvc.perform(get("/console").header("HX-Request", "true")).andReturn().getResponse()
			.getContentAsString();
		assertThat(panels).contains("<strong>Request gateway</strong>", "listening for replies: yes",
				"requests waiting for a reply: 0", "reply latency, median: 24 ms", "reply latency, 99th percentile: 4.3 ms")
			.doesNotContain("replyLatencyP50Ms", "23.59296", "pendingRequests")
			.contains("title=\"records its sources read from Kafka, a second\">Read/s</th>");
	}

	@Test
	@WithMockUser(roles = "ADMIN")
	void onlyALagThatPointsToAProblemIsMarked() throws Exception {
		String panels = mvc.perform(get("/console").header("HX-Request", "true")).andReturn().getResponse()
			.getContentAsString();
		assertThat(panels).containsPattern("<span>statefront-job-functions 3</span>")
			.containsPattern("<span title=\"more than 1 min behind: its committed offsets are below where the topic ended "
					+ "1 min ago\"\\s+class=\"behind\">statefront-job-orders 9</span>")
			.contains("commit their offsets when a checkpoint completes (every\n        <span>10 s</span>)");
	}

	@Test
	@WithMockUser(roles = "ADMIN")
	void theOverviewShowsWhatEachPartOfTheDataDirectoryHoldsAndWhetherTheDiskGuardIsOn() throws Exception {
		String panels = mvc.perform(get("/console").header("HX-Request", "true")).andReturn().getResponse()
			.getContentAsString();
		assertThat(panels).contains("Data directory", "GUARD OFF", "70.0 GiB", "250.0 GiB", "12.5 GiB")
			.containsPattern("<td>broker log</td>\\s*<td class=\"path\">/data/kafka</td>\\s*<td class=\"number\">3.0 MiB</td>")
			.containsPattern("<td>archive</td>\\s*<td class=\"path\">/data/archive</td>\\s*<td class=\"number\">—</td>")
			.contains("2026-11-22 10:00:00 UTC")
			.doesNotContain("Disk guard on");

		given(guard.space()).willReturn(new DiskSpace(1L << 30, 250L << 30, 12_800L << 20, true,
				Instant.parse("2026-11-22T10:00:01Z")));
		assertThat(mvc.perform(get("/console").header("HX-Request", "true")).andReturn().getResponse()
			.getContentAsString()).contains("GUARD ON", "Disk guard on", "1.0 GiB</span> free of");
	}

	@Test
	@WithMockUser(roles = "ADMIN")
	void theCheckpointsPageShowsCountsLatestAndHistoryAndItsHistoryPanelRefreshesAlone() throws Exception {
		given(flink.stopReason("functions")).willReturn(Optional.of("Flink job 'functions' stopped: it restored offset 3"));
		String page = mvc.perform(get("/console/checkpoints").param("job", "functions")).andReturn().getResponse()
			.getContentAsString();
		assertThat(page).contains("<html", "Checkpoint now", "Take a savepoint", "checkpoint chk-7 — completed 2026-11-22 10:00:00 UTC")
			.contains("Checkpoint expired before completing", "2026-11-22 10:00:00 UTC · file:/data/checkpoints/functions/")
			.containsPattern("<dt>Completed</dt><dd>7</dd>")
			.containsPattern("<dt>Failed</dt><dd>1</dd>")
			.contains("/console/checkpoints/functions/" + RUN + "/7?status=COMPLETED")
			.contains("<p class=\"message error\" role=\"alert\">Flink job &#39;functions&#39; stopped: it restored offset 3</p>");

		String panel = mvc.perform(get("/console/checkpoints").param("job", "functions").header("HX-Request", "true"))
			.andReturn().getResponse().getContentAsString();
		assertThat(panel).startsWith("<section class=\"panel\" id=\"history\"").doesNotContain("<html", "Checkpoint now");

		assertThat(mvc.perform(get("/console/checkpoints").param("job", "nope")).andReturn().getResponse().getStatus())
			.isEqualTo(404);
	}

	@Test
	@WithMockUser(roles = "ADMIN")
	void aCheckpointsPageShowsWhatEachTaskDidAndWhichCommit() throws Exception {
		String page = mvc.perform(get("/console/checkpoints/functions/" + RUN + "/7")).andReturn().getResponse()
			.getContentAsString();
		assertThat(page).contains("Checkpoint 7 of functions", "Source: users -&gt; user function", "7.1 KiB", "1.5 KiB")
			.containsPattern("user replies: Committer</span>\\s*<span class=\"status\">commits</span>");
		assertThat(mvc.perform(get("/console/checkpoints/functions/" + RUN + "/6")).andReturn().getResponse().getStatus())
			.isEqualTo(404);
		assertThat(mvc.perform(get("/console/checkpoints/functions/" + RUN + "/seven")).andReturn().getResponse()
			.getStatus()).isEqualTo(400);
	}

	@Test
	@WithMockUser(roles = "ADMIN")
	void theRestartMenuAndTheHistoryShowWhenEachCheckpointCompleted() throws Exception {
		// the checkpoint's metadata was written a moment after Flink counted it complete; an on-stop
		// savepoint is not in the history, and only its folder tells when it completed
		given(flink.restorePoints("functions")).willReturn(List.of(
				new RestorePoint(RestorePoint.Kind.SAVEPOINT, "/data/savepoints/functions/on-stop/savepoint-5a7b1d-01",
						Instant.parse("2026-11-22T10:05:00Z")),
				new RestorePoint(RestorePoint.Kind.CHECKPOINT, "/data/checkpoints/functions/" + RUN + "/chk-7",
						Instant.parse("2026-11-22T10:00:04Z"))));
		String page = mvc.perform(get("/console/checkpoints").param("job", "functions")).andReturn().getResponse()
			.getContentAsString();

		String ended = "2026-11-22 10:00:00 UTC"; // triggered at 10:00:00, 25 ms before it completed
		assertThat(page).contains("savepoint savepoint-5a7b1d-01 — completed 2026-11-22 10:05:00 UTC",
				"checkpoint chk-7 — completed " + ended)
			.containsPattern("<th>Ended</th>")
			.containsPattern(">7</a></td>\\s*<td><span class=\"status COMPLETED\">COMPLETED</span></td>\\s*"
					+ "<td class=\"wide\">checkpoint</td>\\s*<td class=\"nowrap\">" + ended + "</td>")
			// the failed one was triggered at 10:00:10 and expired 60 s later
			.containsPattern(">8</a></td>\\s*<td><span class=\"status FAILED\">FAILED</span></td>\\s*"
					+ "<td class=\"wide\">checkpoint</td>\\s*<td class=\"nowrap\">2026-11-22 10:01:10 UTC</td>");
	}

	@Test
	@WithMockUser(roles = "ADMIN")
	void anActionsAnswerCarriesTheHistoryReadAfreshSoItsCountsAgreeWithIt() throws Exception {
		String path = "file:/data/checkpoints/functions/" + RUN + "/chk-9";
		given(requests.triggerCheckpoint("functions")).willReturn(CompletableFuture.completedFuture(path));
		// Flink's statistics count the checkpoint once the history has read them again
		AtomicBoolean refreshed = new AtomicBoolean();
		willAnswer(call -> {
			refreshed.set(true);
			return null;
		}).given(history).refresh();
		given(history.counts("functions")).willAnswer(call -> refreshed.get() ? new CheckpointCounts(9, 0, 8, 1, 0)
				: new CheckpointCounts(8, 0, 7, 1, 0));

		String answer = mvc.perform(post("/console/checkpoints/functions/checkpoint").with(csrf()).header("HX-Request", "true"))
			.andReturn().getResponse().getContentAsString();

		assertThat(answer).startsWith("<div id=\"result\">")
			.contains("Checkpoint completed: " + path)
			.containsPattern("<section class=\"panel\" id=\"history\" hx-swap-oob=\"true\"")
			.containsPattern("<dt>Completed</dt><dd>8</dd>");
	}

	@Test
	@WithMockUser(roles = "ADMIN")
	void aRestartNeedsAConfirmationAndARetainedPointAndACsrfToken() throws Exception {
		String path = "/data/checkpoints/functions/" + RUN + "/chk-7";
		assertThat(mvc.perform(post("/console/checkpoints/functions/restart").param("from", path).with(csrf())
			.header("HX-Request", "true")).andReturn().getResponse().getContentAsString()).contains("Confirm the restart");
		assertThat(mvc.perform(post("/console/checkpoints/functions/restart").param("from", "/tmp/elsewhere")
			.param("confirm", "true").with(csrf())).andReturn().getResponse().getContentAsString())
			.contains("Choose one of the retained checkpoints");
		assertThat(mvc.perform(post("/console/checkpoints/functions/restart").param("from", path).param("confirm", "true"))
			.andReturn().getResponse().getStatus()).isEqualTo(403);
		verify(flink, never()).restart(any(), any());
	}

	@Test
	@WithMockUser(roles = "ADMIN")
	void aRestartWhoseReportFailedSaysWhereFlinkReportsTheJobNow() throws Exception {
		String chosen = "/data/checkpoints/functions/" + RUN + "/chk-7";
		String latest = "/data/checkpoints/functions/" + RUN + "/chk-9";
		given(requests.currentStatus("functions")).willReturn(Optional.of(JobStatus.RUNNING));

		given(flink.restart("functions", chosen)).willThrow(new IllegalStateException(
				"Cannot start functions from " + chosen + " (boom); it runs again from its latest checkpoint"));
		given(flink.job("functions")).willReturn(Optional.of(new FlinkRuntime.RunningJob("functions", new JobID(),
				Optional.of(latest), 1)));
		assertThat(restart(chosen)).contains("Failed: Cannot start functions from " + chosen
				+ " (boom); it runs again from its latest checkpoint. Flink reports functions RUNNING, started from " + latest + ".");

		// the restart went through, and only its report failed
		given(flink.job("functions")).willReturn(Optional.of(new FlinkRuntime.RunningJob("functions", new JobID(),
				Optional.of(chosen), 1)));
		assertThat(restart(chosen)).contains("<p class=\"message\" role=\"status\">Restarted functions from " + chosen
				+ ": Flink reports it running from there");
	}

	private String restart(String from) throws Exception {
		return mvc.perform(post("/console/checkpoints/functions/restart").param("from", from)
			.param("confirm", "true").with(csrf()).header("HX-Request", "true")).andReturn().getResponse().getContentAsString();
	}

	@Test
	@WithMockUser(roles = "ADMIN")
	void aRescaleNeedsAParallelismInRangeThatTheClusterCanTake() throws Exception {
		given(flink.maxParallelism()).willReturn(128);
		given(flink.job("functions")).willReturn(Optional.of(new FlinkRuntime.RunningJob("functions",
				new JobID(), Optional.empty(), 1)));
		assertThat(mvc.perform(get("/console/checkpoints").param("job", "functions")).andReturn().getResponse()
			.getContentAsString()).contains("name=\"parallelism\"", "max=\"128\"", "value=\"1\"",
					"Runs with parallelism 1 (at most 128)");

		for (String wrong : List.of("0", "129", "two", "")) {
			var refused = mvc.perform(post("/console/checkpoints/functions/rescale").param("parallelism", wrong)
				.with(csrf()).header("HX-Request", "true")).andReturn().getResponse();
			assertThat(refused.getStatus()).as(wrong).isEqualTo(400);
			assertThat(refused.getContentAsString()).startsWith("<div id=\"result\"")
				.contains("Enter a parallelism from 1 to 128 for functions.");
		}
		verify(flink, never()).rescale(any(), anyInt());

		given(flink.rescale("functions", 6)).willThrow(new IllegalArgumentException(
				"The cluster has 2 task slots for functions (4 in all); parallelism 6 needs 6"));
		var conflict = mvc.perform(post("/console/checkpoints/functions/rescale").param("parallelism", "6").with(csrf())
			.header("HX-Request", "true")).andReturn().getResponse();
		assertThat(conflict.getStatus()).isEqualTo(409);
		assertThat(conflict.getContentAsString()).contains("parallelism 6 needs 6: nothing was changed.");

		String savepoint = "/data/savepoints/functions/savepoint-5a7b1d-0123456789ab";
		given(flink.rescale("functions", 2)).willReturn(new FlinkRuntime.RunningJob("functions",
				new JobID(), Optional.of(savepoint), 2));
		var rescaled = mvc.perform(post("/console/checkpoints/functions/rescale").param("parallelism", "2").with(csrf())
			.header("HX-Request", "true")).andReturn().getResponse();
		assertThat(rescaled.getStatus()).isEqualTo(200);
		assertThat(rescaled.getContentAsString()).contains("Rescaled functions to parallelism 2 from " + savepoint);
	}

	@Test
	@WithMockUser(roles = "ADMIN")
	void theSimulatorPageAndItsFragments() throws Exception {
		String page = mvc.perform(get("/console/simulator")).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("<html", "name=\"eventsPerSecond\"", "value=\"200\"", "name=\"bouncerPercent\"");
		String state = mvc.perform(get("/console/simulator").header("HX-Request", "true")).andReturn().getResponse()
			.getContentAsString();
		assertThat(state).startsWith("<section class=\"panel\" id=\"state\"").contains("200 /s");

		String refused = mvc.perform(post("/console/simulator").param("running", "true").param("eventsPerSecond", "1e3")
			.with(csrf()).header("HX-Request", "true")).andReturn().getResponse().getContentAsString();
		assertThat(refused).startsWith("<section class=\"panel\" id=\"form\"").contains("Not changed");
		verify(simulator, never()).apply(any());
	}

	@Test
	@WithMockUser(roles = "ADMIN")
	void theUsersPageRefusesWhatIsNotAnIdWithoutAskingThePipeline() throws Exception {
		String page = mvc.perform(get("/console/users").param("user", "-1")).andReturn().getResponse()
			.getContentAsString();
		assertThat(page).contains("<html",
				"“-1” is not a user id: ids are whole numbers from 0 to 9223372036854775807, written in digits 0–9.");
		String fragment = mvc.perform(get("/console/users").param("item", "1.5").header("HX-Request", "true")).andReturn()
			.getResponse().getContentAsString();
		assertThat(fragment).startsWith("<div id=\"results\"").contains("“1.5” is not an item id");
		verify(ledger, never()).send(any(), any(), org.mockito.ArgumentMatchers.anyLong(), any());
		verify(stock, never()).find(any());
	}

	@Test
	@WithMockUser(roles = "ADMIN")
	void aStoppedPipelineIsSaidOnTheConsolesPageNotInTheApisProblemDocument() throws Exception {
		// what the gateway does when the functions job is not running: it refuses before sending
		given(ledger.send(any(), any(), anyLong(), any()))
			.willThrow(new PipelineUnavailableException("The 'functions' job is not running"));

		var page = mvc.perform(get("/console/users").param("user", "7")).andReturn().getResponse();
		assertThat(page.getContentType()).startsWith("text/html");
		assertThat(page.getContentAsString()).contains("<html",
				"The pipeline is not taking requests just now: nothing was sent, nothing changed. Try again shortly.");

		var change = mvc.perform(post("/console/users/credit").param("user", "7").param("change", "add")
			.param("amount", "5").param("submission", "form-1").header("HX-Request", "true").with(csrf()))
			.andReturn().getResponse();
		assertThat(change.getContentType()).startsWith("text/html");
		assertThat(change.getContentAsString()).startsWith("<div id=\"results\"")
			.contains("nothing was sent, nothing changed");
	}

	@Test
	@WithMockUser(roles = "ADMIN")
	void aChangeWithNoAnswerInTimeIsSaidToBeUnknownAndOffersTheSameFormAgain() throws Exception {
		// what the gateway's future fails with when no reply came in time, and when Kafka failed a send it took
		for (Exception failure : List.of(new KafkaReplyTimeoutException("Reply timed out"),
				new KafkaException("Send failed"))) {
			given(ledger.send(any(), any(), anyLong(), any())).willReturn(CompletableFuture.failedFuture(failure));

			String change = mvc.perform(post("/console/users/credit").param("user", "7").param("change", "subtract")
				.param("amount", "5").param("submission", "form-2").header("HX-Request", "true").with(csrf()))
				.andReturn().getResponse().getContentAsString();
			assertThat(change).as(failure.toString())
				.contains("the change may or may not have been applied. Sending the same form again applies it at most once.",
						"<input type=\"hidden\" name=\"submission\" value=\"form-2\">")
				.doesNotContain("refused");
		}
	}

	@Test
	@WithMockUser(roles = "ADMIN")
	void anOrderAndAnItemShowTheirProductsNames() throws Exception {
		Product product = catalogue.products().get(61);
		given(orders.find(EntityId.valueOf("3"))).willReturn(CompletableFuture.completedFuture(
				new OrderResult(OrderResult.Outcome.OK, "3", "7", List.of(new OrderLine(product.id(), 2), new OrderLine("4242", 1)),
						2 * product.price() + 5, true, null, 0)));
		given(stock.find(EntityId.valueOf(product.id()))).willReturn(CompletableFuture.completedFuture(
				new ItemResult(ItemResult.Outcome.OK, product.id(), 3, 35)));

		String order = mvc.perform(get("/console/users").param("order", "3").header("HX-Request", "true")).andReturn()
			.getResponse().getContentAsString();
		assertThat(order)
			.containsPattern(">" + product.id() + "</a></td>\\s*<td>" + Pattern.quote(HtmlUtils.htmlEscape(product.name()))
					+ "</td>\\s*<td class=\"number\">2</td>")
			.containsPattern(">4242</a></td>\\s*<td>—</td>");

		String item = mvc.perform(get("/console/users").param("item", product.id()).header("HX-Request", "true"))
			.andReturn().getResponse().getContentAsString();
		assertThat(item).contains("Item " + product.id(), HtmlUtils.htmlEscape(product.name()),
				"35 credits");
	}

	@Test
	@WithMockUser(roles = "ADMIN")
	void theAnalyticsPageHasAChartPerMetricAndItsHistoryAnswersOnlyKnownQuestions() throws Exception {
		given(store.mode()).willReturn("in-memory");
		given(store.history(any(), eq(Traffic.ALL), any()))
			.willReturn(List.of(new MetricsStore.MetricPoint(1_000, 12.5, null)));
		given(store.history(any(), eq(Traffic.REAL), any()))
			.willReturn(List.of(new MetricsStore.MetricPoint(1_000, 0.5, null)));
		String page = mvc.perform(get("/console/analytics")).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("chart.umd.min.js", "console-analytics.js", "data-ws=\"/console/ws\"")
			.contains("id=\"chart-page_views_per_second\"", "id=\"chart-revenue_per_user\"", "id=\"top_pages\"")
			.contains("data-measurement=\"bounce_rate\" data-unit=\"share\"",
					"data-measurement=\"conversion_rate\" data-unit=\"share\"",
					"data-measurement=\"average_session_duration\" data-unit=\"seconds\"",
					"data-measurement=\"revenue_per_user\" data-unit=\"credits\"",
					"data-measurement=\"page_views_per_second\" data-unit=\"number\"");
		assertThat(mvc.perform(get("/console/analytics/history/page_views_per_second").param("minutes", "15"))
			.andReturn().getResponse().getContentAsString()).contains("\"value\":12.5");
		assertThat(mvc.perform(get("/console/analytics/history/nope")).andReturn().getResponse().getStatus()).isEqualTo(400);
		assertThat(mvc.perform(get("/console/analytics/history/page_views_per_second").param("minutes", "7"))
			.andReturn().getResponse().getStatus()).isEqualTo(400);
		assertThat(page).contains("id=\"real-only\"").doesNotContain("id=\"real-only\" checked");
		assertThat(page).contains("id=\"chart-current_visitors\"", "id=\"visitors_by_device\"",
				"id=\"visitors_by_browser\"", "id=\"visitors_by_os\"", "id=\"visitors_by_source\"",
				"id=\"entry_pages\"", "id=\"exit_pages\"", "id=\"funnel\"", "id=\"funnel-chart\"",
				"id=\"lost_revenue\"", "id=\"revenue_reconciliation\"", "id=\"comparison\"");
	}

	@Test
	@WithMockUser(roles = "ADMIN")
	void theHourIsComparedWithTheHourBeforeFromTheStoresWindows() throws Exception {
		long now = System.currentTimeMillis();
		given(store.history(eq("active_users"), eq(Traffic.REAL), any())).willReturn(
				List.of(new MetricsStore.MetricPoint(now - 4_000_000, 8, null),
						new MetricsStore.MetricPoint(now - 600_000, 10, null),
						new MetricsStore.MetricPoint(now - 300_000, 14, null)));

		String panel = mvc.perform(get("/console/analytics/comparison").param("traffic", "real"))
			.andReturn()
			.getResponse()
			.getContentAsString();

		// this hour's windows average 12, the previous hour's 8: half as many again
		assertThat(panel).containsPattern("<td>active users</td>\\s*<td class=\"number\">12.0</td>\\s*"
				+ "<td class=\"number\">8.0</td>\\s*<td class=\"number\">\\+50 %</td>")
			.contains("traffic=real")
			.containsPattern("<td>bounce rate</td>\\s*<td class=\"number\">—</td>");
	}

	@Test
	@WithMockUser(roles = "ADMIN")
	void theAnalyticsPageShowsRealTrafficAloneWhenAskedAndItsHistoryReadsThatSeries() throws Exception {
		given(store.history(any(), eq(Traffic.ALL), any()))
			.willReturn(List.of(new MetricsStore.MetricPoint(1_000, 12.5, null)));
		given(store.history(any(), eq(Traffic.REAL), any()))
			.willReturn(List.of(new MetricsStore.MetricPoint(1_000, 0.5, null)));

		assertThat(mvc.perform(get("/console/analytics").param("traffic", "real")).andReturn().getResponse()
			.getContentAsString()).contains("id=\"real-only\" checked");
		assertThat(mvc.perform(get("/console/analytics/history/page_views_per_second").param("traffic", "real"))
			.andReturn().getResponse().getContentAsString()).contains("\"value\":0.5", "\"traffic\":\"real\"")
			.doesNotContain("12.5");
		assertThat(mvc.perform(get("/console/analytics/history/page_views_per_second").param("traffic", "fake"))
			.andReturn().getResponse().getStatus()).isEqualTo(400);
	}

}
