package io.statefront.storefront;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.statefront.ledger.UserResult;
import io.statefront.platform.limits.ClientAddress;
import io.statefront.platform.limits.KeyedBuckets;
import io.statefront.platform.limits.LimitsProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A guest becomes a customer: a ledger user with the starting credit, signed in. Every new customer
 * is credit given away, so there are two limits, each a token bucket: {@code signUpsPerAddress} an
 * hour from one client address (its resolved address: {@link ClientAddress}), and
 * {@code signUpsPerMinute} from all addresses together. Past either, nothing is sent to the ledger
 * and the guest hears when to try again ({@link TooManySignUpsException}). A sign-up the ledger
 * could not open has used its place all the same.
 */
@Component
class SignUps {

	private final CustomerAccounts accounts;

	private final CustomerSignIn signIn;

	private final long startingCredit;

	private final KeyedBuckets perAddress;

	private final Bucket everyone;

	@Autowired
	SignUps(CustomerAccounts accounts, CustomerSignIn signIn, StorefrontProperties properties,
			LimitsProperties limits) {
		this(accounts, signIn, properties.startingCredit(), limits, TimeMeter.SYSTEM_MILLISECONDS);
	}

	SignUps(CustomerAccounts accounts, CustomerSignIn signIn, long startingCredit, LimitsProperties limits,
			TimeMeter time) {
		this.accounts = accounts;
		this.signIn = signIn;
		this.startingCredit = startingCredit;
		this.perAddress = new KeyedBuckets(Bandwidth.builder()
			.capacity(limits.signUpsPerAddress())
			.refillGreedy(limits.signUpsPerAddress(), Duration.ofHours(1))
			.build(), limits.trackedKeys(), time);
		this.everyone = Bucket.builder()
			.addLimit(Bandwidth.builder()
				.capacity(limits.signUpsPerMinute())
				.refillGreedy(limits.signUpsPerMinute(), Duration.ofMinutes(1))
				.build())
			.withCustomTimePrecision(time)
			.build();
	}

	/** A customer just opened, and the credit they have. */
	record NewCustomer(Customer customer, long credit) {
	}

	/** A new customer, signed in; or null when the ledger refused to open one. */
	CompletableFuture<@Nullable NewCustomer> open(HttpServletRequest request, HttpServletResponse response) {
		try {
			admit(ClientAddress.of(request));
		}
		catch (TooManySignUpsException refused) {
			return CompletableFuture.failedFuture(refused);
		}
		String shopperId = Shoppers.id(request);
		return accounts.open(shopperId, startingCredit).thenApply(opened -> {
			if (opened.outcome() != UserResult.Outcome.OK) {
				return null;
			}
			Customer customer = new Customer(opened.userId(), shopperId);
			signIn.signIn(customer, request, response);
			return new NewCustomer(customer, opened.credit());
		});
	}

	/** Takes a place for a sign-up from {@code address}, or says how long to wait for one. */
	void admit(String address) {
		Bucket fromAddress = perAddress.bucket(address);
		ConsumptionProbe mine = fromAddress.tryConsumeAndReturnRemaining(1);
		if (!mine.isConsumed()) {
			throw new TooManySignUpsException(KeyedBuckets.seconds(mine.getNanosToWaitForRefill()), false);
		}
		ConsumptionProbe all = everyone.tryConsumeAndReturnRemaining(1);
		if (!all.isConsumed()) {
			// the address's place was not used
			fromAddress.addTokens(1);
			throw new TooManySignUpsException(KeyedBuckets.seconds(all.getNanosToWaitForRefill()), true);
		}
	}

}
