package io.statefront.support;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;

/** The REST API's one user in an {@link ApiSlice}, and its calls. */
public final class ApiUser {

	public static final String NAME = "api";

	public static final String PASSWORD = "slice-password";

	private ApiUser() {
	}

	/**
	 * Sends the request as the API user and returns the response: the answer the operation
	 * completed with when it waited for one, else the refusal it got before.
	 */
	public static ResultActions call(MockMvc mvc, MockHttpServletRequestBuilder request) throws Exception {
		ResultActions sent = mvc.perform(request.with(httpBasic(NAME, PASSWORD)));
		MvcResult result = sent.andReturn();
		return result.getRequest().isAsyncStarted() ? mvc.perform(asyncDispatch(result)) : sent;
	}

}
