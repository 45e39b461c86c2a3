package io.statefront.console;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.statefront.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator's browser without the browser: signs in through the form, keeps the session
 * cookie, and sends what htmx sends (the page's CSRF token in the header the page names). Redirects are not followed.
 */
public final class ConsoleAdmin {

	private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

	private static final Pattern CSRF_HEADER_META = Pattern.compile("<meta name=\"_csrf_header\" content=\"([^\"]+)\"");

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final String base;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

	private String csrfToken = "";

	/** The header the page's scripts send it in: the console's and the storefront's differ. */
	private String csrfHeader = "X-CSRF-TOKEN";

	private ConsoleAdmin(int port) {
		this.base = "http://localhost:" + port;
	}

	public static ConsoleAdmin signedIn(int port) throws Exception {
		ConsoleAdmin admin = new ConsoleAdmin(port);
		HttpResponse<String> signedIn = admin.signIn(IntegrationTest.ADMIN, IntegrationTest.ADMIN_PASSWORD);
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/console"));
		assertThat(admin.get("/console").statusCode()).isEqualTo(200);
		return admin;
	}

	public static ConsoleAdmin anonymous(int port) {
		return new ConsoleAdmin(port);
	}

	public HttpResponse<String> signIn(String user, String password) throws Exception {
		Matcher token = CSRF_FIELD.matcher(get("/console/login").body());
		assertThat(token.find()).as("the sign-in form has a CSRF token").isTrue();
		return send(HttpRequest.newBuilder(URI.create(base + "/console/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString(form(Map.of("username", user, "password", password, "_csrf", token.group(1))))));
	}

	public HttpResponse<String> get(String path) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET());
	}

	/** What htmx sends to refresh a panel. */
	public HttpResponse<String> htmx(String path) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(base + path)).header("HX-Request", "true").GET());
	}

	/** A form posted by htmx, with the CSRF token of the last full page as a header. */
	public HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(base + path))
			.header("HX-Request", "true")
			.header(csrfHeader, csrfToken)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(fields))));
	}

	/** The session cookie, for a WebSocket handshake in the same session. */
	public String sessionId() {
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter(cookie -> cookie.getName().equals("JSESSIONID"))
			.findFirst()
			.orElseThrow()
			.getValue();
	}

	/** The CSRF token the last full page carried, as its scripts send it. */
	public String csrfToken() {
		return csrfToken;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		Matcher token = CSRF_META.matcher(response.body());
		if (token.find()) {
			csrfToken = token.group(1);
		}
		Matcher header = CSRF_HEADER_META.matcher(response.body());
		if (header.find()) {
			csrfHeader = header.group(1);
		}
		return response;
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

}
