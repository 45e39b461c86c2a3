package io.statefront.storefront;

import java.time.Duration;

import io.statefront.catalogue.Catalogue;
import io.statefront.platform.web.EntityId;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Product pictures ({@code /shop/pictures/57.svg}) and the shop's icon at {@code /favicon.ico},
 * where browsers look for it whatever a page links. Both change only with a new release: browsers
 * keep them a day.
 */
@Controller
class PicturesController {

	static final MediaType SVG = MediaType.valueOf("image/svg+xml");

	private static final CacheControl KEPT_A_DAY = CacheControl.maxAge(Duration.ofDays(1)).cachePublic();

	private static final Resource FAVICON = new ClassPathResource("static/favicon.ico");

	private final Catalogue catalogue;

	private final ProductPictures pictures;

	PicturesController(Catalogue catalogue, ProductPictures pictures) {
		this.catalogue = catalogue;
		this.pictures = pictures;
	}

	@GetMapping("/shop/pictures/{id}.svg")
	ResponseEntity<String> picture(@PathVariable String id) {
		EntityId item;
		try {
			item = EntityId.valueOf(id);
		}
		catch (IllegalArgumentException ex) {
			return ResponseEntity.notFound().build();
		}
		String svg = catalogue.product(item.value())
			.map(pictures::of)
			.orElseGet(() -> pictures.ofUnknown(item.value()));
		return ResponseEntity.ok().contentType(SVG).cacheControl(KEPT_A_DAY).body(svg);
	}

	@GetMapping("/favicon.ico")
	ResponseEntity<Resource> favicon() {
		return ResponseEntity.ok()
			.contentType(MediaType.valueOf("image/x-icon"))
			.cacheControl(KEPT_A_DAY)
			.body(FAVICON);
	}

}
