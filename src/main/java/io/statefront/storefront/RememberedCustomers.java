package io.statefront.storefront;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.statefront.ledger.UserRemoved;

import org.springframework.context.event.EventListener;
import org.springframework.security.web.authentication.rememberme.JdbcTokenRepositoryImpl;
import org.springframework.security.web.authentication.rememberme.PersistentRememberMeToken;
import org.springframework.stereotype.Component;

/**
 * The browsers that remember a customer: Spring Security's persistent remember-me tokens, a row per
 * browser in the application's database ({@code persistent_logins}, shared by every instance). The
 * cookie holds a random series and token, nothing a customer could forge, and a row ends the
 * cookie it stands for: on "Sign out" (every browser of that customer), when the customer's ledger
 * user is removed ({@link UserRemoved}), and {@code statefront.shop.remember-me-for} after its
 * last use, the horizon of this state.
 */
@Component
class RememberedCustomers extends JdbcTokenRepositoryImpl {

	private static final Duration FORGET_EVERY = Duration.ofHours(1);

	private final Duration rememberFor;

	private final AtomicLong nextForgetting = new AtomicLong();

	RememberedCustomers(DataSource dataSource, StorefrontProperties properties) {
		setDataSource(dataSource);
		this.rememberFor = properties.rememberMeFor();
	}

	@Override
	public void createNewToken(PersistentRememberMeToken token) {
		super.createNewToken(token);
		forgetUnusedOnceAnHour();
	}

	/** A removed user's customers are remembered by no browser. */
	@EventListener
	void userRemoved(UserRemoved removed) {
		getJdbcTemplate().update("DELETE FROM persistent_logins WHERE username LIKE ?",
				Customer.usernamePrefix(removed.userId()) + "%");
	}

	/** How many browsers remember the customers of {@code userId}. */
	int browsersOf(String userId) {
		Integer count = getJdbcTemplate().queryForObject("SELECT COUNT(*) FROM persistent_logins WHERE username LIKE ?",
				Integer.class, Customer.usernamePrefix(userId) + "%");
		return (count != null) ? count : 0;
	}

	private void forgetUnusedOnceAnHour() {
		long now = System.currentTimeMillis();
		long next = nextForgetting.get();
		if (now >= next && nextForgetting.compareAndSet(next, now + FORGET_EVERY.toMillis())) {
			getJdbcTemplate().update("DELETE FROM persistent_logins WHERE last_used < ?",
					Timestamp.from(Instant.ofEpochMilli(now).minus(rememberFor)));
		}
	}

}
