package io.statefront.analytics;

import java.util.List;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;

import io.statefront.analytics.WebsiteEvent.SessionData;

/**
 * Where simulated visitors come from and what they browse with, drawn from weights shaped like a
 * European-and-American web shop's audience: mostly desktop and mobile, Chrome first, the cities
 * where people live.
 */
final class Visitors {

	private record Place(String country, String city, int weight) {
	}

	private record Device(String type, String os, String browser, String userAgent, int weight) {
	}

	private static final List<Place> PLACES = List.of(new Place("US", "New York", 9), new Place("US", "San Francisco", 5),
			new Place("US", "Chicago", 4), new Place("US", "Austin", 3), new Place("GB", "London", 7),
			new Place("GB", "Manchester", 3), new Place("DE", "Berlin", 5), new Place("DE", "Munich", 3),
			new Place("FR", "Paris", 5), new Place("FR", "Lyon", 2), new Place("NL", "Amsterdam", 3),
			new Place("ES", "Madrid", 3), new Place("IT", "Milan", 2), new Place("SE", "Stockholm", 2),
			new Place("IN", "Bengaluru", 4), new Place("IN", "Mumbai", 3), new Place("BR", "São Paulo", 3),
			new Place("CA", "Toronto", 3), new Place("JP", "Tokyo", 3), new Place("AU", "Sydney", 2));

	private static final List<Device> DEVICES = List.of(
			new Device("desktop", "Windows", "Chrome",
					"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
					22),
			new Device("desktop", "macOS", "Safari",
					"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
					10),
			new Device("desktop", "macOS", "Chrome",
					"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
					8),
			new Device("desktop", "Windows", "Edge",
					"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0",
					7),
			new Device("desktop", "Linux", "Firefox",
					"Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", 4),
			new Device("desktop", "Windows", "Firefox",
					"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", 4),
			new Device("mobile", "Android", "Chrome",
					"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36",
					21),
			new Device("mobile", "iOS", "Safari",
					"Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
					17),
			new Device("mobile", "Android", "Samsung Internet",
					"Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0 Mobile Safari/537.36",
					3),
			new Device("tablet", "iPadOS", "Safari",
					"Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
					4));

	private Visitors() {
	}

	static SessionData draw(RandomGenerator random) {
		Place place = weighted(PLACES, Place::weight, random);
		Device device = weighted(DEVICES, Device::weight, random);
		String ip = (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
				+ (1 + random.nextInt(254));
		return new SessionData(device.userAgent(), ip, place.country(), place.city(), device.type(),
				device.browser(), device.os());
	}

	static <T> T weighted(List<T> choices, ToIntFunction<T> weight, RandomGenerator random) {
		int total = choices.stream().mapToInt(weight).sum();
		int draw = random.nextInt(total);
		for (T choice : choices) {
			draw -= weight.applyAsInt(choice);
			if (draw < 0) {
				return choice;
			}
		}
		throw new IllegalStateException("weights changed while drawing");
	}

}
