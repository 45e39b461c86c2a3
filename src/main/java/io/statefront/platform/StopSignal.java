package io.statefront.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code SIGTERM} is how the application is asked to stop ({@code docker stop}, systemd,
 * {@code kill}, and the Spring Boot Maven plugin when {@code spring-boot:run} ends): the JVM would
 * run the same shutdown, then exit with 143, which the Maven plugin reports as {@code BUILD FAILURE}
 * and supervisors as a crash. Here the signal closes the application through Spring Boot's exit
 * (requests in flight answered, every job stopped with a savepoint) and the JVM exits with its
 * exit code, 0 after a clean stop.
 */
public final class StopSignal {

	private static final Logger log = LoggerFactory.getLogger(StopSignal.class);

	private StopSignal() {
	}

	/** From the started application's {@code main}: a stop while it starts stays the JVM's own. */
	public static void exitCleanlyOnTerm(ConfigurableApplicationContext context) {
		Signal.handle(new Signal("TERM"), signal -> {
			log.info("Stopping on SIGTERM");
			System.exit(SpringApplication.exit(context));
		});
	}

}
