package io.statefront.support;

import org.springframework.mock.web.MockServletContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;

/** The REST API's user and administrator in an {@link ApiSlice}, and their calls. */
public final class ApiUser {

	public static final String NAME = "api";

	public static final String PASSWORD = "slice-password";

	public static final String ADMINISTRATOR = "admin";

	public static final String ADMINISTRATOR_PASSWORD = "slice-admin-password";

	private ApiUser() {
	}

	/**
	 * Sends the request as the API user (a batch init as the administrator, whose they are; the API
	 * user's 403 for them is {@code SecurityMatrixIntegrationTest}'s) and returns the response: the
	 * answer the operation completed with when it waited for one, else the refusal it got before.
	 */
	public static ResultActions call(MockMvc mvc, MockHttpServletRequestBuilder request) throws Exception {
		boolean batchInit = request.buildRequest(new MockServletContext()).getRequestURI().contains("/batch_init/");
		ResultActions sent = mvc.perform(request.with(batchInit ? httpBasic(ADMINISTRATOR, ADMINISTRATOR_PASSWORD)
				: httpBasic(NAME, PASSWORD)));
		MvcResult result = sent.andReturn();
		return result.getRequest().isAsyncStarted() ? mvc.perform(asyncDispatch(result)) : sent;
	}

}
