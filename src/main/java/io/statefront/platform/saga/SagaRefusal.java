package io.statefront.platform.saga;

/** Why a participant did not apply a saga step. */
public enum SagaRefusal {

	/** The participant (user or item) does not exist. */
	NOT_FOUND,
	/** The participant holds less than the step asks: credit for a payment, stock for a take. */
	NOT_ENOUGH

}
