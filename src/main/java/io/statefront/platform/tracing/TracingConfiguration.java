package io.statefront.platform.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Request tracing on Spring Boot's OpenTelemetry tracing (Micrometer Tracing's bridge): the server
 * spans of Spring MVC, the send spans of the gateway's Kafka template, and what this package adds:
 * the function and reply spans ({@link FunctionSpans}), the {@code traceresponse} header
 * ({@link TraceResponseFilter}) and the latest requests for the console ({@link RecentRequests}).
 * Spans leave the application by OTLP only when an endpoint is set
 * ({@code management.opentelemetry.tracing.export.otlp.endpoint}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TracingProperties.class)
class TracingConfiguration {

	/** Right inside Spring MVC's observation filter (HIGHEST_PRECEDENCE + 1), which opens the server span. */
	static final int TRACE_RESPONSE_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

	@Bean
	FilterRegistrationBean<TraceResponseFilter> traceResponseFilter(ObjectProvider<Tracer> tracer) {
		FilterRegistrationBean<TraceResponseFilter> registration = new FilterRegistrationBean<>(
				new TraceResponseFilter(tracer.getIfAvailable(() -> Tracer.NOOP)));
		registration.setOrder(TRACE_RESPONSE_ORDER);
		return registration;
	}

	@Bean
	RecentRequests recentRequests(TracingProperties properties) {
		return new RecentRequests(properties);
	}

	@Bean
	FunctionSpans functionSpans(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		return new FunctionSpans(tracer.getIfAvailable(() -> Tracer.NOOP),
				propagator.getIfAvailable(() -> Propagator.NOOP));
	}

}
