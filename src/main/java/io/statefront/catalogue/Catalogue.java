package io.statefront.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.statefront.platform.kafka.Json;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The demo catalogue shipped with the application ({@value #RESOURCE}): a few hundred products
 * over ten categories, item ids {@code 0…n-1}.
 */
@Component
public class Catalogue {

	static final String RESOURCE = "catalogue/products.json";

	private final Map<String, Product> byId;

	private final Map<String, List<Product>> byCategorySlug;

	public Catalogue() {
		this(load());
	}

	Catalogue(List<Product> products) {
		this.byId = products.stream()
			.collect(Collectors.toMap(Product::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
		this.byCategorySlug = products.stream()
			.collect(Collectors.groupingBy(Product::categorySlug, LinkedHashMap::new, Collectors.toList()));
	}

	public List<Product> products() {
		return List.copyOf(byId.values());
	}

	public Optional<Product> product(String id) {
		return Optional.ofNullable(byId.get(id));
	}

	/** Category names in catalogue order. */
	public List<String> categories() {
		return byCategorySlug.values().stream().map(products -> products.get(0).category()).toList();
	}

	public List<Product> inCategory(String slug) {
		return byCategorySlug.getOrDefault(slug, List.of());
	}

	/** Products whose name, category or description holds every word of {@code query}, best matches first. */
	public List<Product> search(String query) {
		List<String> words = List.of(query.toLowerCase(Locale.ROOT).trim().split("\\s+"));
		if (query.isBlank()) {
			return List.of();
		}
		return byId.values()
			.stream()
			.filter(product -> words.stream().allMatch(word -> text(product).contains(word)))
			.sorted(Comparator.comparing((Product product) -> !words.stream()
				.allMatch(word -> product.name().toLowerCase(Locale.ROOT).contains(word))))
			.toList();
	}

	/** The category as it appears in URLs: {@code Knitwear} → {@code knitwear}. */
	public static String slug(String category) {
		return category.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
	}

	private static String text(Product product) {
		return (product.name() + " " + product.category() + " " + product.description()).toLowerCase(Locale.ROOT);
	}

	private static List<Product> load() {
		try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
			return List.of(Json.read(in.readAllBytes(), Product[].class));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the catalogue " + RESOURCE, ex);
		}
	}

}
