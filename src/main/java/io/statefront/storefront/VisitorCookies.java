package io.statefront.storefront;

import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The storefront's own cookies: what the shop remembers of a visitor who is not a customer, kept by
 * their browser rather than in a session on the server, so that a visitor (or a crawler) who only
 * looks costs the server no memory. Readable by the server only, sent back to this site only
 * ({@code SameSite=Lax}), and only over HTTPS when the page came over HTTPS.
 */
final class VisitorCookies {

	static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");

	private VisitorCookies() {
	}

	static @Nullable String read(HttpServletRequest request, String name, Pattern valid) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return null;
		}
		return Arrays.stream(cookies)
			.filter(cookie -> cookie.getName().equals(name) && valid.matcher(cookie.getValue()).matches())
			.map(Cookie::getValue)
			.findFirst()
			.orElse(null);
	}

	/** Sets {@code name}; for the browser's session when {@code lasts} is null. */
	static void write(HttpServletRequest request, HttpServletResponse response, String name, String value,
			@Nullable Duration lasts) {
		ResponseCookie.ResponseCookieBuilder cookie = ResponseCookie.from(name, value)
			.path("/")
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Lax");
		if (lasts != null) {
			cookie.maxAge(lasts);
		}
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.build().toString());
	}

}
