package dev.socketserver.securitytests;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Security of the Actuator endpoints: health is open, reading the others needs a user, and anything else (such
 * as {@code DELETE /actuator/socketservers/{server}/{id}}, which closes a connection, or {@code POST} on
 * {@code .../{id}/tap}, which taps it) needs the role {@code ACTUATOR}, as does reading what a wire tap
 * captured. Users authenticate with HTTP Basic on each request.
 * <p>
 * Other requests are not matched by this chain, and Boot's default chain backs off once an application declares
 * one: an application with web pages or APIs of its own declares a chain for them too. The users are in memory
 * for the tests; an application would take them from its user store.
 *
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
public class ActuatorSecurityConfiguration {

	/**
	 * Secures the Actuator endpoints.
	 * @param http the security builder
	 * @return the chain
	 * @throws Exception if it cannot be built
	 */
	@Bean
	SecurityFilterChain actuatorSecurityFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
				.permitAll()
				// What a wire tap captured is payload: as sensitive as starting the tap.
				.requestMatchers(HttpMethod.GET, "/actuator/socketservers/*/*/tap")
				.hasRole("ACTUATOR")
				.requestMatchers(HttpMethod.GET)
				.authenticated()
				.anyRequest()
				.hasRole("ACTUATOR"))
			.httpBasic(Customizer.withDefaults())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// CSRF protects a session that a browser sends by itself (a cookie). These endpoints keep no session
			// and take credentials in every request's Authorization header, which a forged cross-site request
			// cannot carry. With CSRF on, as in Boot's default chain, a DELETE with the right Basic credentials is
			// refused before they are read: 403, turned into 401 when the error page is secured too.
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	/**
	 * Users: {@code viewer} may read the endpoints, {@code operator} may also close and tap connections.
	 * @return the users
	 */
	@Bean
	InMemoryUserDetailsManager actuatorUsers() {
		return new InMemoryUserDetailsManager(
				User.withUsername("viewer").password("{noop}viewer-password").roles().build(),
				User.withUsername("operator").password("{noop}operator-password").roles("ACTUATOR").build());
	}

}
