package dev.socketserver.autoconfigure;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import dev.socketserver.codec.Violation;
import dev.socketserver.handler.controller.PayloadValidator;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Validates controller payloads with the application's Jakarta Bean Validation {@link Validator} (Boot's
 * {@code defaultValidator} with {@code spring-boot-starter-validation}). Only this class refers to
 * {@code jakarta.validation}, loaded only when it is on the class path.
 */
final class JakartaPayloadValidator implements PayloadValidator {

	private static final Comparator<Violation> ORDER = Comparator.comparing(Violation::field)
		.thenComparing(Violation::message);

	private final Validator validator;

	private JakartaPayloadValidator(Validator validator) {
		this.validator = validator;
	}

	static @Nullable PayloadValidator from(ListableBeanFactory beanFactory) {
		Validator validator = beanFactory.getBeanProvider(Validator.class).getIfUnique();
		return (validator != null) ? new JakartaPayloadValidator(validator) : null;
	}

	@Override
	public List<Violation> validate(Object payload) {
		Set<ConstraintViolation<Object>> violations = this.validator.validate(payload);
		if (violations.isEmpty()) {
			return List.of();
		}
		return violations.stream()
			.map((violation) -> new Violation(violation.getPropertyPath().toString(), violation.getMessage()))
			.sorted(ORDER)
			.toList();
	}

}
