package io.statefront;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxMvcAutoConfiguration;
import io.statefront.platform.StopSignal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;

// users are configured per filter chain (platform.security), not by Boot's generated default user;
// htmx's request type is configured in platform.web without the library's per-request annotation work
@SpringBootApplication(exclude = { UserDetailsServiceAutoConfiguration.class, HtmxMvcAutoConfiguration.class })
@ConfigurationPropertiesScan
public class Application {

	public static void main(String[] args) {
		StopSignal.exitCleanlyOnTerm(SpringApplication.run(Application.class, args));
	}

}
