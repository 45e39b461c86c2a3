package io.statefront.console;

import java.security.Principal;

import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;

import jakarta.servlet.http.HttpServletResponse;

/**
 * What every console page shows in its header (who is signed in), and what the console answers
 * when a page or action is asked for something that is not there. Ahead of the API's problem
 * responses, which answer any controller: a console page answers in HTML.
 */
@ControllerAdvice(basePackageClasses = ConsolePages.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsolePages {

	@ModelAttribute("administrator")
	@Nullable String administrator(@Nullable Principal principal) {
		return (principal != null) ? principal.getName() : null;
	}

	@ExceptionHandler(ResponseStatusException.class)
	String refused(ResponseStatusException ex, Model model, HttpServletResponse response) {
		return problem(ex.getStatusCode(), ex.getReason(), model, response);
	}

	@ExceptionHandler({ MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class })
	String badRequest(Exception ex, Model model, HttpServletResponse response) {
		String detail = (ex instanceof MethodArgumentTypeMismatchException mismatch)
				? "“" + mismatch.getValue() + "” is not a valid " + mismatch.getName() : ex.getMessage();
		return problem(HttpStatus.BAD_REQUEST, detail, model, response);
	}

	private static String problem(HttpStatusCode status, String detail, Model model, HttpServletResponse response) {
		response.setStatus(status.value());
		model.addAttribute("title", "Not possible");
		model.addAttribute("status", status.value());
		model.addAttribute("detail", detail);
		return "console/problem";
	}

}
