package io.statefront.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

import io.statefront.analytics.SitePages.Page;
import io.statefront.analytics.WebsiteEvent.ConversionData;
import io.statefront.analytics.WebsiteEvent.PageViewData;
import io.statefront.analytics.WebsiteEvent.SessionData;
import org.jspecify.annotations.Nullable;

/**
 * Generates coherent visits, one event at a time: a visit starts, views pages (mostly in the
 * visitor's favourite category, and there mostly the few products of their taste: hidden
 * preferences a recommender can learn), sometimes puts a product in the cart and checks out (paying, or
 * refused now and then), and ends or is abandoned. Some visits come from a campaign's tagged link. The
 * mix over many events is about 70 % page views (cart adds and checkouts among them, as the storefront
 * sends them), 15 % session starts, 10 % session ends and 5 % conversions.
 * The same seed and clock give the same events, each marked {@link WebsiteEvent#simulated() simulated}.
 */
public final class TrafficModel {

	/** Visits open at once; beyond it the oldest is abandoned without an end, as people do. */
	static final int MAX_OPEN_VISITS = 1_000;

	static final int VISITORS = 50_000;

	/** Each category's products fall into clusters of this many: a visitor's hidden taste is one of them. */
	static final int CLUSTER_SIZE = 5;

	static final int CLUSTERS = SitePages.PRODUCTS_PER_CATEGORY / CLUSTER_SIZE;

	private static final double START = 0.15;

	/**
	 * The page views drawn as such; the rest of the 70 % are the funnel's pages (cart adds, refused
	 * checkouts) drawn with the conversions, which need a product in the cart first.
	 */
	private static final double PAGE_VIEW_BAND = 0.57;

	/** How often a product just seen goes in the cart at once. */
	private static final double CART_ADD = 0.05;

	private static final double PAGE_VIEW = START + PAGE_VIEW_BAND;

	private static final double END = PAGE_VIEW + 0.10;

	/** A visit that checks out is refused (not enough credit or stock) this often, and may try again. */
	private static final double REFUSED_CHECKOUT = 0.2;

	/** The share of visits that come by a campaign's tagged link. */
	private static final double CAMPAIGN_VISITS = 0.15;

	private record Campaign(String source, String medium, String name) {
	}

	private static final List<Campaign> CAMPAIGNS = List.of(new Campaign("newsletter", "email", "winter-sale"),
			new Campaign("instagram", "social", "new-arrivals"), new Campaign("google", "cpc", "brand"),
			new Campaign("partner-blog", "referral", "gift-guide"));

	private static final List<String> REFERRERS = List.of("https://www.google.com/", "https://www.bing.com/",
			"https://duckduckgo.com/", "https://www.instagram.com/", "https://news.ycombinator.com/");

	private final RandomGenerator random;

	private final LongSupplier clock;

	private final List<Visit> open = new ArrayList<>();

	private long orders;

	// changed by the console or the API while the simulator's thread draws visits
	private volatile double bouncerShare;

	private static final class Visit {

		final @Nullable String userId;

		final String sessionId;

		final SessionData sessionData;

		final int favouriteCategory;

		final int favouriteCluster;

		int pagesViewed;

		boolean converted;

		boolean carted;

		/** The product last viewed, which goes in the cart. */
		@Nullable Page lastProduct;

		final @Nullable Campaign campaign;

		/** Leaves after the first page, without buying. */
		final boolean bouncer;

		@Nullable String lastUrl;

		Visit(@Nullable String userId, String sessionId, SessionData sessionData, int favouriteCategory,
				int favouriteCluster, boolean bouncer, @Nullable Campaign campaign) {
			this.userId = userId;
			this.campaign = campaign;
			this.sessionId = sessionId;
			this.sessionData = sessionData;
			this.favouriteCategory = favouriteCategory;
			this.favouriteCluster = favouriteCluster;
			this.bouncer = bouncer;
		}


	}

	public TrafficModel(RandomGenerator random, LongSupplier clock) {
		this.random = random;
		this.clock = clock;
	}

	/**
	 * The share of new visits, 0 to 1, that leave after their first page: raise it and the bounce
	 * rate follows (and, past the threshold, its alert). With none, bounces happen by chance.
	 */
	public void bouncerShare(double share) {
		if (!(share >= 0 && share <= 1)) {
			throw new IllegalArgumentException("a share from 0 to 1");
		}
		this.bouncerShare = share;
	}

	public double bouncerShare() {
		return bouncerShare;
	}

	public WebsiteEvent next() {
		double draw = random.nextDouble();
		if (open.isEmpty() || draw < START) {
			return start();
		}
		int chosen = random.nextInt(open.size());
		Visit visit = open.get(chosen);
		if (visit.bouncer) {
			// one page, then gone
			return (visit.pagesViewed > 0) ? end(open.remove(chosen)) : pageView(visit);
		}
		if (draw >= PAGE_VIEW && draw < END) {
			return end(open.remove(chosen));
		}
		if (draw < PAGE_VIEW) {
			// a product seen may go in the cart at once
			return (!visit.carted && visit.lastProduct != null && random.nextDouble() < CART_ADD) ? addToCart(visit)
					: pageView(visit);
		}
		if (visit.pagesViewed == 0 || visit.converted) {
			return pageView(visit);
		}
		// the funnel: a product in the cart first, then a checkout that pays or is refused
		if (!visit.carted) {
			return (visit.lastProduct != null) ? addToCart(visit) : pageView(visit);
		}
		return (random.nextDouble() < REFUSED_CHECKOUT) ? refusedCheckout(visit) : convert(visit);
	}

	int openVisits() {
		return open.size();
	}

	private WebsiteEvent start() {
		if (open.size() >= MAX_OPEN_VISITS) {
			open.remove(0);
		}
		// three visitors in ten are not signed in: their events are keyed by the session
		int visitor = random.nextInt(VISITORS);
		boolean signedIn = random.nextInt(10) < 7;
		// a signed-in visitor's taste is theirs on every visit; a guest's is drawn for the visit
		int taste = signedIn ? Math.floorMod(Long.hashCode(visitor * 0x9E3779B97F4A7C15L), 1 << 20)
				: random.nextInt(1 << 20);
		Visit visit = new Visit(signedIn ? "visitor-" + visitor : null, uuid(), Visitors.draw(random),
				taste % SitePages.CATEGORIES.size(), (taste / SitePages.CATEGORIES.size()) % CLUSTERS,
				bouncerShare > 0 && random.nextDouble() < bouncerShare,
				(random.nextDouble() < CAMPAIGN_VISITS) ? CAMPAIGNS.get(random.nextInt(CAMPAIGNS.size())) : null);
		open.add(visit);
		return event(EventType.SESSION_START, visit, null, null);
	}

	private WebsiteEvent pageView(Visit visit) {
		int category = (random.nextInt(10) < 6) ? visit.favouriteCategory
				: random.nextInt(SitePages.CATEGORIES.size());
		Page page = (random.nextInt(10) < 3) ? SitePages.category(category)
				: SitePages.product(category, productIndex(visit, category));
		String referrer = (visit.lastUrl != null) ? visit.lastUrl
				: (random.nextInt(3) == 0) ? null : REFERRERS.get(random.nextInt(REFERRERS.size()));
		long loadMillis = Math.round(Math.exp(6 + 0.5 * random.nextGaussian()))
				* ("mobile".equals(visit.sessionData.deviceType()) ? 2 : 1);
		// a tagged link brings the visitor to their first page
		Campaign campaign = (visit.pagesViewed == 0) ? visit.campaign : null;
		visit.pagesViewed++;
		visit.lastUrl = page.url();
		if (page.url().startsWith(FunnelStep.PRODUCT_PAGES)) {
			visit.lastProduct = page;
		}
		return event(EventType.PAGE_VIEW, visit, new PageViewData(page.url(), page.title(), referrer, loadMillis,
				campaign == null ? null : campaign.source(), campaign == null ? null : campaign.medium(),
				campaign == null ? null : campaign.name()), null);
	}

	private WebsiteEvent addToCart(Visit visit) {
		visit.carted = true;
		return funnelPage(visit, FunnelStep.CART_ADD, "Added to cart: " + visit.lastProduct.title());
	}

	private WebsiteEvent refusedCheckout(Visit visit) {
		return funnelPage(visit, FunnelStep.CHECKOUT_PAGE, "Checkout refused");
	}

	/** A page of the funnel, sent as the storefront sends it: a page view after the page it was asked from. */
	private WebsiteEvent funnelPage(Visit visit, String url, String title) {
		PageViewData page = new PageViewData(url, title, visit.lastUrl, 0);
		visit.pagesViewed++;
		visit.lastUrl = url;
		return event(EventType.PAGE_VIEW, visit, page, null);
	}

	/** Within their favourite category, a visitor's eye goes mostly to the few products of their taste. */
	private int productIndex(Visit visit, int category) {
		if (category == visit.favouriteCategory && random.nextInt(10) < 7) {
			return visit.favouriteCluster * CLUSTER_SIZE + random.nextInt(CLUSTER_SIZE);
		}
		return random.nextInt(SitePages.PRODUCTS_PER_CATEGORY);
	}

	private WebsiteEvent convert(Visit visit) {
		visit.converted = true;
		long revenue = 5 + Math.round(Math.exp(3.5 + 0.8 * random.nextGaussian()));
		return event(EventType.CONVERSION, visit, null, new ConversionData("sim-" + (++orders), revenue));
	}

	private WebsiteEvent end(Visit visit) {
		return event(EventType.SESSION_END, visit, null, null);
	}

	private WebsiteEvent event(EventType type, Visit visit, @Nullable PageViewData page,
			@Nullable ConversionData conversion) {
		return new WebsiteEvent(uuid(), clock.getAsLong(), type, visit.userId, visit.sessionId, page,
				visit.sessionData, conversion, true);
	}

	private String uuid() {
		return new UUID(random.nextLong(), random.nextLong()).toString();
	}

}
