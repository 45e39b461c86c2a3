package io.statefront.platform.gateway;

/**
 * Whose requests wait for their replies in which pool: each pool has its own bound on requests
 * waiting at once and its own threads for what follows a reply, so that neither side can starve
 * the other. The REST API, the console and the application's own jobs (batch inits, the catalogue)
 * wait in {@link #API}; the storefront's anonymous traffic in {@link #STOREFRONT}.
 */
public enum RequestPool {

	API, STOREFRONT

}
