package io.statefront.console;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may use the admin console, and how hard guessing is made.
 *
 * @param adminUser the administrator's user name
 * @param adminPassword the administrator's password; when none is set one is generated and logged
 * at startup
 * @param loginAttempts failed sign-ins from one address for one user name before sign-ins are
 * refused for a while
 * @param lockout how long they are refused
 */
@ConfigurationProperties("statefront.console")
record ConsoleProperties(@DefaultValue("admin") String adminUser, String adminPassword,
		@DefaultValue("5") int loginAttempts, @DefaultValue("5m") Duration lockout) {
}
