package io.statefront.analytics;

/** What a website event records. */
public enum EventType {

	SESSION_START, PAGE_VIEW, CONVERSION, SESSION_END

}
