package io.statefront.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security's form login handles what it posts. */
@Controller
class LoginController {

	@GetMapping(ConsoleSecurity.LOGIN)
	String login() {
		return "console/login";
	}

}
