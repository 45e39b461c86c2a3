package io.statefront.order;

import java.util.ArrayList;
import java.util.List;

import io.statefront.platform.saga.SagaReply;
import io.statefront.platform.saga.StepId;
import org.jspecify.annotations.Nullable;

/**
 * The one operation an order function is carrying out by messages to other functions: what it
 * waits for, and what it has learned so far. Messages that arrive meanwhile wait their turn.
 *
 * @param command the client's message being carried out
 * @param attempt the number of this operation's saga steps
 * @param awaiting the ids of the steps not answered yet
 * @param taken the checkout steps applied, which a failure must compensate
 * @param refusal the first refusal, which decides the answer
 * @param compensating whether the operation is undoing {@code taken}
 */
public record InFlight(OrderMessage command, long attempt, List<StepId> awaiting, List<StepId> taken,
		@Nullable SagaReply refusal, boolean compensating) {

	static InFlight awaiting(OrderMessage command, long attempt, List<StepId> stepIds) {
		return new InFlight(command, attempt, List.copyOf(stepIds), List.of(), null, false);
	}

	boolean awaits(SagaReply reply) {
		return reply.attempt() == attempt && awaiting.contains(reply.stepId());
	}

	/** This operation after {@code reply}: no longer awaited, and remembered if applied or refused. */
	InFlight answeredBy(SagaReply reply) {
		List<StepId> stillAwaiting = new ArrayList<>(awaiting);
		stillAwaiting.remove(reply.stepId());
		List<StepId> nowTaken = taken;
		SagaReply firstRefusal = refusal;
		if (!compensating && reply.done()) {
			nowTaken = new ArrayList<>(taken);
			nowTaken.add(reply.stepId());
		}
		else if (!compensating && refusal == null) {
			firstRefusal = reply;
		}
		return new InFlight(command, attempt, List.copyOf(stillAwaiting), List.copyOf(nowTaken), firstRefusal,
				compensating);
	}

	InFlight compensating(List<StepId> compensationIds) {
		return new InFlight(command, attempt, List.copyOf(compensationIds), taken, refusal, true);
	}

	boolean complete() {
		return awaiting.isEmpty();
	}

}
