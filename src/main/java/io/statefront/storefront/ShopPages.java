package io.statefront.storefront;

import java.util.List;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.statefront.catalogue.Catalogue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every full storefront page carries: its title, the categories for the navigation, the
 * customer it is for, and a notice left by the action that led to it (after a redirect). A page
 * asked for by a boosted link or form (htmx's {@code HX-Boosted}) is rendered without the frame
 * around it, which the browser keeps: the header, the recommendations panel and its connection.
 */
@Component
class ShopPages {

	private static final String NOTICE = ShopPages.class.getName() + ".notice";

	private final List<CategoryLink> categories;

	ShopPages(Catalogue catalogue) {
		this.categories = catalogue.categories()
			.stream()
			.map(name -> new CategoryLink(name, Catalogue.slug(name)))
			.toList();
	}

	ModelAndView page(String view, String title, HttpServletRequest request) {
		ModelAndView page = new ModelAndView(view).addObject("title", title)
			.addObject("boosted", HtmxRequest.fromRequest(request).isBoosted())
			.addObject("categories", categories)
			.addObject("customer", Customer.of(request).orElse(null))
			.addObject("cartCount", SessionCart.count(request));
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(NOTICE) instanceof Notice notice) {
			session.removeAttribute(NOTICE);
			page.addObject("notice", notice);
		}
		return page;
	}

	ModelAndView problem(HttpStatus status, String title, String message, HttpServletRequest request) {
		ModelAndView page = page("storefront/problem", title, request).addObject("message", message);
		page.setStatus(status);
		return page;
	}

	ModelAndView notFound(String title, String message, HttpServletRequest request) {
		return problem(HttpStatus.NOT_FOUND, title, message, request);
	}

	/** Leaves {@code notice} for the next full page of this session: the one a redirect leads to. */
	static void leave(HttpServletRequest request, Notice notice) {
		request.getSession().setAttribute(NOTICE, notice);
	}

	/** A message shown once at the top of a page: good news, or why something did not happen. */
	record Notice(boolean good, String message) implements java.io.Serializable {

		static Notice good(String message) {
			return new Notice(true, message);
		}

		static Notice refused(String message) {
			return new Notice(false, message);
		}

	}

	/** A category in the navigation. */
	record CategoryLink(String name, String slug) {
	}

}
