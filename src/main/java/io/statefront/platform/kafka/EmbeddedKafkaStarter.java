package io.statefront.platform.kafka;

import io.statefront.platform.StatefrontProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Starts the embedded broker while the context still reads its bean definitions, before Spring
 * creates any bean, and registers it as the {@code embeddedKafkaBroker} bean; stops it with the
 * context. The broker starts on a thread of its own ({@link EmbeddedKafkaBroker}), so its seconds
 * of start-up pass while Spring builds the rest of the application; started as an ordinary bean,
 * it would start only when the first Kafka client is built, and that client would wait for it.
 * Its settings are bound here, from the environment, since no configuration properties bean
 * exists yet.
 */
final class EmbeddedKafkaStarter implements BeanDefinitionRegistryPostProcessor, DisposableBean {

	static final String BROKER_BEAN = "embeddedKafkaBroker";

	private final Environment environment;

	private @Nullable EmbeddedKafkaBroker broker;

	EmbeddedKafkaStarter(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		Binder binder = Binder.get(environment);
		StatefrontProperties statefront = binder.bindOrCreate("statefront", StatefrontProperties.class);
		EmbeddedKafkaProperties embedded = binder.bindOrCreate("statefront.kafka.embedded",
				EmbeddedKafkaProperties.class);
		EmbeddedKafkaBroker started = new EmbeddedKafkaBroker(statefront.kafkaLogDir(), embedded.port(),
				embedded.controllerPort());
		this.broker = started;
		registry.registerBeanDefinition(BROKER_BEAN, new RootBeanDefinition(EmbeddedKafkaBroker.class, () -> started));
	}

	/**
	 * Stops the broker with the context, even when a start fails before the first Kafka client
	 * creates the broker's bean (Spring closes that bean too, as an {@code AutoCloseable}, when it
	 * exists; the broker stops once). Created before every other bean, the starter is destroyed
	 * after them all.
	 */
	@Override
	public void destroy() {
		if (broker != null) {
			broker.close();
		}
	}

}
