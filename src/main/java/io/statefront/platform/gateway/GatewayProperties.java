package io.statefront.platform.gateway;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param replyTimeout how long a request waits for its reply before the client gets a 504
 * @param maxPending how many requests of the API (and the console) may wait for replies at once;
 * more are refused with a 503
 * @param storefrontMaxPending how many of the storefront's may, in a pool of their own: a flood of
 * shoppers fills this one, never the API's
 * @param replyPartitions the partitions of the reply topics this instance claims when several
 * instances share them: it listens to these alone and asks for its replies on them (see
 * {@code ReplyPartitions}); every instance claims others. Empty (the default): every partition, as
 * the only instance. The reply topics are given as many partitions as the highest one claimed needs
 */
@ConfigurationProperties("statefront.gateway")
record GatewayProperties(@DefaultValue("10s") Duration replyTimeout, @DefaultValue("20000") int maxPending,
		@DefaultValue("5000") int storefrontMaxPending, @DefaultValue List<Integer> replyPartitions) {

	int maxPending(RequestPool pool) {
		return (pool == RequestPool.STOREFRONT) ? storefrontMaxPending : maxPending;
	}

}
