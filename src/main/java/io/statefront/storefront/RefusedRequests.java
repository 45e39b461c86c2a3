package io.statefront.storefront;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * What a shopper sees when security refuses a request, most often a form without a valid CSRF
 * token (sent from a page of an expired session, or from another site): a page, not an error.
 */
@Controller
class RefusedRequests {

	static final String PATH = "/shop/refused";

	private final ShopPages pages;

	RefusedRequests(ShopPages pages) {
		this.pages = pages;
	}

	@RequestMapping(PATH)
	ModelAndView refused(HttpServletRequest request) {
		return pages.problem(HttpStatus.FORBIDDEN, "That did not go through",
				"The page you sent this from has expired, or it was not one of the shop's own. Nothing was "
						+ "changed: go back, reload the page and try again.",
				request);
	}

}
