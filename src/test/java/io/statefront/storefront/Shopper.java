package io.statefront.storefront;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A shopper's browser without the browser: keeps cookies, reads pages and sends their forms with
 * the hidden fields the page gave (the CSRF token, the submission id), redirects not followed.
 * Each shopper comes from an address of their own (as the shared test context takes a client's
 * address from {@code X-Forwarded-For}), so that the shop's limits per address count them apart.
 */
final class Shopper {

	private static final AtomicInteger ADDRESSES = new AtomicInteger();

	private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");

	private final String base;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient http;

	private final String address;

	private String lastPage = "";

	Shopper(int port) {
		this(port, nextAddress());
	}

	/** A shopper from {@code address}. */
	Shopper(int port, String address) {
		this.base = "http://localhost:" + port;
		this.http = HttpClient.newBuilder().cookieHandler(cookies).build();
		this.address = address;
	}

	/** An address no other shopper of this run has: 198.18.0.0/15, the range kept for tests. */
	static String nextAddress() {
		int n = ADDRESSES.incrementAndGet();
		return "198." + (18 + (n >> 16 & 1)) + "." + (n >> 8 & 0xff) + "." + (n & 0xff);
	}

	HttpResponse<String> get(String path) throws Exception {
		HttpResponse<String> response = http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
		lastPage = response.body();
		return response;
	}

	/** Posts the last page's form for {@code action}, with its hidden fields and {@code fields}. */
	HttpResponse<String> submit(String action, Map<String, String> fields) throws Exception {
		Map<String, String> form = new LinkedHashMap<>(hiddenFields(action));
		form.putAll(fields);
		return post(action, form);
	}

	HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
		String body = form.entrySet()
			.stream()
			.map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return http.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Follows a redirect the way a browser would. */
	HttpResponse<String> follow(HttpResponse<String> redirect) throws Exception {
		String location = redirect.headers().firstValue("Location").orElseThrow();
		return get(URI.create(location).getPath());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(base + path)).header("X-Forwarded-For", address);
	}

	Optional<String> cookie(String name) {
		return cookies.getCookieStore()
			.get(URI.create(base))
			.stream()
			.filter(cookie -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst();
	}

	/** A new browser that has only this one's remember-me cookie: the same shopper on another day. */
	Shopper nextVisit(int port) {
		Shopper later = new Shopper(port, address);
		HttpCookie remembered = new HttpCookie(StorefrontSecurity.REMEMBER_ME_COOKIE,
				cookie(StorefrontSecurity.REMEMBER_ME_COOKIE).orElseThrow());
		remembered.setPath("/");
		remembered.setVersion(0);
		later.cookies.getCookieStore().add(URI.create(base), remembered);
		return later;
	}

	private Map<String, String> hiddenFields(String action) {
		int form = lastPage.indexOf("action=\"" + action + "\"");
		if (form < 0) {
			throw new IllegalStateException("No form for " + action + " on the last page");
		}
		String inside = lastPage.substring(form, lastPage.indexOf("</form>", form));
		Map<String, String> fields = new LinkedHashMap<>();
		Matcher hidden = HIDDEN.matcher(inside);
		while (hidden.find()) {
			fields.put(hidden.group(1), hidden.group(2));
		}
		return fields;
	}

}
