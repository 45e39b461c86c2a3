package io.statefront.platform.limits;

import java.time.Duration;

import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How much one client may ask of the application. Every limit counts a client by the request's
 * resolved remote address ({@link ClientAddress}): behind a proxy, set
 * {@code server.forward-headers-strategy} so that it is the client's, not the proxy's.
 *
 * @param signUpsPerAddress new storefront customers one client address may open in an hour
 * @param signUpsPerMinute new storefront customers the shop opens in a minute, all addresses together
 * @param storefrontRequestsPerSecond storefront requests (pages, htmx fragments, forms; not the static
 * files) one client address may make in a second on average, with a burst of five seconds' worth
 * @param apiRequestsPerSecond REST API requests a second per credential (per address when the API
 * takes requests without credentials)
 * @param failedSignInsPerAddress wrong HTTP Basic credentials one address may send within
 * {@code failedSignInsPeriod}; beyond them its requests are refused with 429 until the period has passed
 * @param failedSignInsPeriod see {@code failedSignInsPerAddress}
 * @param stompConnections WebSocket (STOMP) connections open at once, every endpoint together
 * @param stompConnectionsPerAddress of those, from one client address
 * @param stompSubscriptionsPerSession subscriptions one STOMP connection may hold at once
 * @param trackedKeys the most client addresses (or credentials) each per-client limit remembers at
 * once; past them the least used are forgotten
 */
@ConfigurationProperties("statefront.limits")
@Validated
public record LimitsProperties(@DefaultValue("10") @Positive int signUpsPerAddress,
		@DefaultValue("60") @Positive int signUpsPerMinute,
		@DefaultValue("10") @Positive int storefrontRequestsPerSecond, @DefaultValue("5000") @Positive int apiRequestsPerSecond,
		@DefaultValue("10") @Positive int failedSignInsPerAddress, @DefaultValue("5m") Duration failedSignInsPeriod,
		@DefaultValue("10000") @Positive int stompConnections, @DefaultValue("200") @Positive int stompConnectionsPerAddress,
		@DefaultValue("10") @Positive int stompSubscriptionsPerSession,
		@DefaultValue("100000") @Positive int trackedKeys) {
}
