package io.statefront.catalogue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.statefront.platform.web.EntityId;
import io.statefront.stock.ItemResult.Outcome;
import io.statefront.stock.StockClient;
import io.statefront.stock.StockLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Opens the demo catalogue's items in the stock functions once: when the application is ready and
 * the first item does not exist yet. Their stock and prices are live from then on: a restart
 * leaves them as the shop has made them.
 */
@Component
class CatalogueSeeder {

	private static final Logger log = LoggerFactory.getLogger(CatalogueSeeder.class);

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private final Catalogue catalogue;

	private final StockClient stock;

	private final boolean enabled;

	CatalogueSeeder(Catalogue catalogue, StockClient stock,
			@Value("${statefront.shop.seed-catalogue:true}") boolean enabled) {
		this.catalogue = catalogue;
		this.stock = stock;
		this.enabled = enabled;
	}

	@EventListener(ApplicationReadyEvent.class)
	void seedWhenReady() {
		if (enabled) {
			// a job held back at start (its restore point cannot be used) refuses at once: the
			// application must still come up, for the operator to choose what the job restarts from
			CompletableFuture.completedFuture(null).thenCompose(ready -> seed()).exceptionally(failure -> {
				log.warn("Could not open the demo catalogue's items (the next start tries again): {}",
						failure.toString());
				return false;
			});
		}
	}

	/** Opens the catalogue's items unless they are there; true when it opened them. */
	CompletableFuture<Boolean> seed() {
		return stock.find(new EntityId(catalogue.products().get(0).id()))
			.thenCompose(first -> {
				if (first.outcome() != Outcome.NOT_FOUND) {
					log.info("The demo catalogue's items are open already");
					return CompletableFuture.completedFuture(false);
				}
				return open().thenApply(done -> {
					log.info("Opened the demo catalogue: {} items in {} categories", catalogue.products().size(),
							catalogue.categories().size());
					return true;
				});
			})
			.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Opens the catalogue's items with their stock and price, whatever the items hold now. */
	CompletableFuture<Void> open() {
		return stock.initialise(catalogue.products()
			.stream()
			.map(product -> new StockLevel(product.id(), product.stock(), product.price()))
			.toList());
	}

}
