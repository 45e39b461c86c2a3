package io.statefront.console;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may use the admin console, and how hard guessing is made.
 *
 * @param adminUser the administrator's user name
 * @param adminPassword the administrator's password (the console's, and the API's administrator's
 * over HTTP Basic); when none is set one is generated once into
 * {@code <data-dir>/secrets/console-admin-password}
 * @param loginAttempts failed sign-ins from one address for one user name before sign-ins are
 * refused for a while
 * @param lockout how long they are refused
 */
@ConfigurationProperties("statefront.console")
record ConsoleProperties(@DefaultValue("admin") String adminUser, String adminPassword,
		@DefaultValue("5") int loginAttempts, @DefaultValue("5m") Duration lockout) {
}
