package io.statefront.platform.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client a per-client limit counts a request against: the request's remote address as the
 * servlet container resolved it. Behind a proxy that is the proxy's, unless
 * {@code server.forward-headers-strategy} tells the container to take the client's from the
 * proxy's {@code X-Forwarded-For} (and, with {@code native}, only from the proxies
 * {@code server.tomcat.remoteip.internal-proxies} names: a client cannot choose its own address).
 *
 * <p>An IPv6 address counts by its /64 prefix: one subscriber commonly holds a whole /64, and
 * counted address by address it would be 2^64 clients.
 */
public final class ClientAddress {

	private ClientAddress() {
	}

	public static String of(HttpServletRequest request) {
		return of(request.getRemoteAddr());
	}

	/** The key of {@code address}, an IP literal; anything else is its own key. */
	public static String of(String address) {
		if (address == null || address.indexOf(':') < 0) {
			return (address != null) ? address : "";
		}
		String literal = address.replace("[", "").replace("]", "");
		int zone = literal.indexOf('%');
		if (zone >= 0) {
			literal = literal.substring(0, zone);
		}
		try {
			// an IPv6 literal is parsed, never looked up
			InetAddress parsed = InetAddress.getByName(literal);
			if (parsed instanceof Inet6Address) {
				byte[] prefix = Arrays.copyOf(parsed.getAddress(), 16);
				Arrays.fill(prefix, 8, 16, (byte) 0);
				return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
			}
			return parsed.getHostAddress();
		}
		catch (UnknownHostException ex) {
			return address;
		}
	}

}
