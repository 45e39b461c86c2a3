package io.statefront.platform.disk;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses requests that write (POST, PUT, PATCH, DELETE) while the guard is on, before their
 * handler sends anything to the pipeline; the handlers' advice turns the refusal into a problem
 * response (the API) or a page (the storefront). Reads go on.
 */
class DiskGuardInterceptor implements HandlerInterceptor {

	/** Where the guard does not apply: the console (an operator must be able to act) and error pages. */
	static final String[] EXCLUDED = { "/console", "/console/**", "/error", "/actuator/**" };

	private final DiskGuard guard;

	DiskGuardInterceptor(DiskGuard guard) {
		this.guard = guard;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		// only the request as it arrives: the dispatch that finishes an asynchronous answer carries
		// the outcome of something already sent, which a refusal now would hide
		if (request.getDispatcherType() == DispatcherType.REQUEST && writes(request) && guard.refusesWrites()) {
			throw new DiskSpaceLowException("The data directory's disk is nearly full ("
					+ guard.space().usableBytes() / (1024 * 1024) + " MiB usable, "
					+ guard.space().requiredBytes() / (1024 * 1024) + " MiB kept free); nothing was sent, "
					+ "try again once space is freed");
		}
		return true;
	}

	private static boolean writes(HttpServletRequest request) {
		return switch (request.getMethod()) {
			case "POST", "PUT", "PATCH", "DELETE" -> true;
			default -> false;
		};
	}

}
