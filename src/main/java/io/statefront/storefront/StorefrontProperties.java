package io.statefront.storefront;

import java.time.Duration;

import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The storefront's settings.
 *
 * @param startingCredit the credit a guest's new customer account opens with (0: none)
 * @param rememberMeFor how long a customer stays known without visiting
 */
@ConfigurationProperties("statefront.shop")
@Validated
record StorefrontProperties(@DefaultValue("500") @PositiveOrZero long startingCredit,
		@DefaultValue("30d") Duration rememberMeFor) {
}
