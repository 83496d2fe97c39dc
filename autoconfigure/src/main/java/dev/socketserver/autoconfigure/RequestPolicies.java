package dev.socketserver.autoconfigure;

import dev.socketserver.request.Correlation;
import dev.socketserver.request.RequestPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Decides the request policy of a server or a client from its {@code requests} properties: a built-in
 * correlation or a {@link Correlation} bean.
 */
final class RequestPolicies {

	private RequestPolicies() {
	}

	static @Nullable RequestPolicy policy(Declared server, RequestProperties requests,
			ListableBeanFactory beanFactory) {
		Correlation<?> correlation = correlation(server, requests, beanFactory);
		if (correlation == null) {
			return null;
		}
		try {
			return new RequestPolicy(correlation, requests.getMaxInFlight(), requests.getTimeout());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(server.property("requests"), null, ex.getMessage());
		}
	}

	private static @Nullable Correlation<?> correlation(Declared server, RequestProperties requests,
			ListableBeanFactory beanFactory) {
		String name = requests.getCorrelation();
		try {
			return switch (name) {
				case "none", "" -> null;
				case "in-order" -> Correlation.inOrder();
				case "json-field" -> Correlation.jsonField(requests.getField());
				case "binary-field" -> Correlation.binaryField(requests.getRequestOffset(), requests.getReplyOffset(),
						requests.getLength());
				case "binary-sequence" -> Correlation.binarySequence(requests.getRequestOffset(),
						requests.getReplyOffset(), requests.getLength());
				default -> bean(server, name, beanFactory);
			};
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(server.property("requests"), name, ex.getMessage());
		}
	}

	private static Correlation<?> bean(Declared server, String name, ListableBeanFactory beanFactory) {
		if (!beanFactory.containsBean(name) || !beanFactory.isTypeMatch(name, Correlation.class)) {
			throw new InvalidConfigurationPropertyValueException(server.property("requests.correlation"), name,
					"Unknown correlation: use none, in-order, json-field, binary-field, binary-sequence, or the name "
							+ "of a Correlation bean");
		}
		return beanFactory.getBean(name, Correlation.class);
	}

}
