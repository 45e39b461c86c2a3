package io.statefront.platform.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * An API request is dispatched twice: once to its handler, which starts the command and returns a
 * future, and once more when the reply arrives, to write the answer. Spring MVC finds the handler
 * again on the second dispatch, and for a path with variables that means matching the request
 * against every mapping of the console, the storefront and the API: 8 % of the request threads'
 * samples under ledger load (docs/benchmarks.md, "Two handler lookups and htmx"). The second
 * dispatch of a request goes to the same path as the first, so it reuses the first's handler, and
 * with it the path variables and producible types the first match left on the request.
 *
 * <p>The application's mapping is also asked before the actuator's, which Spring Boot orders first:
 * every request, each of its dispatches, was otherwise matched against each {@code /actuator/…}
 * mapping before its own (4 % of the request threads' samples under ledger load, 3 % under checkout
 * load). No mapping of the application matches an actuator path, so those requests fall through
 * to the actuator's mapping as before.
 *
 * <p>A request whose path has variables is compared with every mapping, and Spring MVC checks a
 * mapping's path last, after its method, headers and media types: for an API call, each API
 * mapping of the same method compared the request's {@code Accept} header with what it produces
 * before finding its path was another's. The mapping here asks the path first, so a mapping of
 * another path costs one pattern match. What matches, and the 405, 406 or 415 for a request that
 * only partly matches (worked out afresh over all mappings), stay as they were.
 */
@Configuration(proxyBeanMethods = false)
class HandlerLookedUpOnce implements WebMvcRegistrations {

	@Override
	public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
		return new Mapping();
	}

	static class Mapping extends RequestMappingHandlerMapping {

		private static final String MATCHED = HandlerLookedUpOnce.class.getName() + ".MATCHED";

		/** Before the actuator's endpoint mappings, at -100. */
		static final int ORDER = -200;

		@Override
		public int getOrder() {
			// Spring MVC's configuration sets 0 after creating the mapping, so the order is fixed here
			return ORDER;
		}

		@Override
		protected @Nullable RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
			PathPatternsRequestCondition paths = info.getPathPatternsCondition();
			if (paths != null && paths.getMatchingCondition(request) == null) {
				return null;
			}
			return super.getMatchingMapping(info, request);
		}

		@Override
		protected @Nullable HandlerMethod getHandlerInternal(HttpServletRequest request) throws Exception {
			if (request.getDispatcherType() == DispatcherType.ASYNC
					&& request.getAttribute(MATCHED) instanceof HandlerMethod matched) {
				return matched;
			}
			HandlerMethod handler = super.getHandlerInternal(request);
			if (handler != null) {
				request.setAttribute(MATCHED, handler);
			}
			return handler;
		}

	}

}
