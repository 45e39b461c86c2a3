package io.statefront.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One user the REST API takes HTTP Basic credentials of, and the role they have there: the API
 * user ({@value #API}), the administrator ({@value #ADMIN}: the API, and the batch inits, which
 * overwrite balances and stock), and Prometheus's scrape ({@value #METRICS}: {@code /actuator/prometheus}
 * only). A feature adds one by declaring a bean of this type (the console: its administrator).
 *
 * <p>API clients send the password with every request, so a deliberately slow hash (BCrypt: tens
 * of milliseconds of CPU) would cap the API at a few dozen requests a second per core. The password
 * is configuration, not a database of users' passwords, so a slow hash protects nothing here;
 * comparing SHA-256 digests in constant time keeps timing from telling it.
 */
public final class Credential {

	public static final String API = "API";

	public static final String ADMIN = "ADMIN";

	public static final String METRICS = "METRICS";

	/** What only the administrator may ask of the API: the batch inits, which overwrite balances, stock and orders. */
	public static final List<String> ADMINISTRATOR_ONLY = List.of("/payment/batch_init/**", "/stock/batch_init/**",
			"/orders/batch_init/**");

	private final String user;

	private final byte[] digest;

	private final String role;

	private Credential(String user, byte[] digest, String role) {
		this.user = user;
		this.digest = digest;
		this.role = role;
	}

	public static Credential of(String user, String password, String role) {
		return new Credential(user, sha256(password), role);
	}

	public String user() {
		return user;
	}

	public String role() {
		return role;
	}

	/** Whether {@code password} is this user's; as long to answer whatever it is. */
	boolean matches(@Nullable Object password) {
		return password != null && MessageDigest.isEqual(digest, sha256(password.toString()));
	}

	static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
