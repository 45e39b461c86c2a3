package io.statefront.storefront;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.statefront.catalogue.Product;
import io.statefront.platform.kafka.Json;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Every product's picture: a Noto Emoji illustration of its kind (a derby, a teapot; a book gets a
 * cover with its subject on it), set on a background of its own, turned, mirrored and recoloured
 * by the product's number, so that a category page shows thirty different tiles and a product
 * looks the same wherever it is shown. The illustrations are shipped in the application
 * ({@value #ICONS}, copied from the npm package by {@code tools/vendor-pictures.mjs}): nothing is
 * fetched at run time.
 */
@Component
class ProductPictures {

	static final String MAPPING = "storefront/pictures/pictures.json";

	static final String ICONS = "storefront/pictures/noto-emoji.json";

	static final int WIDTH = 400;

	static final int HEIGHT = 300;

	/** Soft backgrounds, light to a little deeper, in an order where neighbours differ. */
	private static final String[][] BACKGROUNDS = { { "#fdf6ec", "#f1dcc0" }, { "#eef5fb", "#cfe1f2" },
			{ "#f3f7ee", "#d6e6c8" }, { "#fbf0f3", "#efcfd8" }, { "#f4f1fa", "#dcd3ee" }, { "#fefbea", "#f2e6b3" },
			{ "#eef7f6", "#c9e6e2" }, { "#f7f3ef", "#e3d8cc" }, { "#fdf1ec", "#f3d2c4" }, { "#f0f2f5", "#d5dbe3" } };

	/** Colourways: hue turns of the illustration's own colours; the first is its own. */
	private static final int[] HUES = { 0, 40, 150, 200, 250, 300, 95, 330 };

	private static final int[] TURNS = { -12, 6, 0, -6, 12 };

	/** Which illustration shows what, as {@value #MAPPING} says. */
	record Mapping(Map<String, String> byType, Map<String, String> byCategory, List<String> bookCovers,
			Map<String, String> bookSubjects, String unknown) {
	}

	/** The illustrations: SVG bodies on a {@code width} × {@code height} canvas. */
	record Icons(String source, int width, int height, Map<String, String> icons) {
	}

	private final Mapping mapping;

	private final Icons icons;

	ProductPictures() {
		this.mapping = read(MAPPING, Mapping.class);
		this.icons = read(ICONS, Icons.class);
	}

	/** The picture of {@code product} as an SVG document. */
	String of(Product product) {
		long number = number(product.id());
		String label = HtmlUtils.htmlEscape(product.name());
		if ("Books".equals(product.category())) {
			String cover = mapping.bookCovers().get((int) (number % mapping.bookCovers().size()));
			String subject = mapping.bookSubjects().get(lastWord(product.name()));
			return document(label, number, illustration(cover, number, 0, 0, 210, hue(number))
					+ ((subject == null) ? "" : illustration(subject, number + 1, 8, -14, 92, 0)));
		}
		String name = Optional.ofNullable(mapping.byType().get(lastWord(product.name())))
			.or(() -> Optional.ofNullable(mapping.byCategory().get(product.category())))
			.orElse(mapping.unknown());
		return document(label, number, illustration(name, number, 0, 0, 216, hue(number)));
	}

	/** The picture of an item outside the catalogue (opened through the API): a parcel. */
	String ofUnknown(String itemId) {
		return document("Item " + HtmlUtils.htmlEscape(itemId), number(itemId),
				illustration(mapping.unknown(), 0, 0, 0, 200, 0));
	}

	/** Every illustration the mapping names, for the tests: each one must exist. */
	List<String> illustrationsNamed() {
		return java.util.stream.Stream
			.of(mapping.byType().values(), mapping.byCategory().values(), mapping.bookCovers(),
					mapping.bookSubjects().values(), List.of(mapping.unknown()))
			.flatMap(java.util.Collection::stream)
			.distinct()
			.toList();
	}

	boolean has(String illustration) {
		return icons.icons().containsKey(illustration);
	}

	private String document(String label, long number, String content) {
		String[] background = BACKGROUNDS[(int) ((number + number / BACKGROUNDS.length) % BACKGROUNDS.length)];
		return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" width=\""
				+ WIDTH + "\" height=\"" + HEIGHT + "\" role=\"img\" aria-label=\"" + label + "\"><title>" + label
				+ "</title><defs><linearGradient id=\"sf-background\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"1\">"
				+ "<stop offset=\"0\" stop-color=\"" + background[0] + "\"/><stop offset=\"1\" stop-color=\""
				+ background[1] + "\"/></linearGradient></defs><rect width=\"" + WIDTH + "\" height=\"" + HEIGHT
				+ "\" fill=\"url(#sf-background)\"/><ellipse cx=\"200\" cy=\"262\" rx=\"104\" ry=\"12\" fill=\"#1d2330\""
				+ " opacity=\"0.08\"/>" + content + "</svg>";
	}

	/**
	 * {@code name}'s illustration, {@code size} wide, centred {@code dx, dy} off the middle, turned and
	 * mirrored by {@code number}, its colours turned by {@code hue} degrees.
	 */
	private String illustration(String name, long number, int dx, int dy, int size, int hue) {
		String body = icons.icons().get(name);
		if (body == null) {
			throw new IllegalStateException(ICONS + " has no illustration " + name + ": run tools/vendor-pictures.mjs");
		}
		int turn = TURNS[(int) (number * 3 % TURNS.length)];
		String mirror = (number % 2 == 0) ? "" : " scale(-1 1)";
		String filter = "";
		String colour = "";
		if (hue != 0) {
			String id = "sf-hue-" + name;
			filter = "<filter id=\"" + id + "\" color-interpolation-filters=\"sRGB\"><feColorMatrix type=\"hueRotate\""
					+ " values=\"" + hue + "\"/></filter>";
			colour = " filter=\"url(#" + id + ")\"";
		}
		int half = size / 2;
		return filter + "<g transform=\"translate(" + (200 + dx) + " " + (150 + dy) + ") rotate(" + turn + ")" + mirror
				+ "\"" + colour + "><svg x=\"" + -half + "\" y=\"" + -half + "\" width=\"" + size + "\" height=\"" + size
				+ "\" viewBox=\"0 0 " + icons.width() + " " + icons.height() + "\">" + body + "</svg></g>";
	}

	/**
	 * The product's number, which chooses its background, turn, side and colourway, each by a step
	 * of its own: neighbours differ in all of them, and no two of thirty neighbours are alike.
	 */
	private static long number(String id) {
		try {
			return Math.floorMod(Long.parseLong(id), Long.MAX_VALUE);
		}
		catch (NumberFormatException ex) {
			return Math.floorMod(id.hashCode(), Integer.MAX_VALUE);
		}
	}

	private static int hue(long number) {
		return HUES[(int) (number * 5 % HUES.length)];
	}

	private static String lastWord(String name) {
		return name.substring(name.lastIndexOf(' ') + 1);
	}

	private static <T> T read(String resource, Class<T> type) {
		try (var in = new ClassPathResource(resource).getInputStream()) {
			return Json.read(in.readAllBytes(), type);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + resource, ex);
		}
	}

}
