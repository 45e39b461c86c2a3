package io.statefront.analytics.history;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Asks an InfluxDB in InfluxQL over its HTTP API, as a user's own tools would, bypassing the store. */
public final class InfluxQl {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private InfluxQl() {
	}

	/** The first statement's first series, with epoch-millisecond times; a missing node if it has none. */
	public static JsonNode series(String url, String database, String query) {
		return query(url, database, query).path("results").path(0).path("series").path(0);
	}

	public static JsonNode query(String url, String database, String query) {
		URI uri = URI.create(url + "/query?epoch=ms&db=" + encode(database) + "&q=" + encode(query));
		try {
			HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).build(),
					HttpResponse.BodyHandlers.ofString());
			return JSON.readTree(response.body());
		}
		catch (Exception ex) {
			throw new IllegalStateException("InfluxDB at " + url + " did not answer " + query, ex);
		}
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
