package dev.socketserver.demo.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Makes the demo's development certificate before the SSL bundles are read, so that
 * {@code openssl s_client -connect 127.0.0.1:7443} works on the first start. The directory is
 * {@code demo.tls.directory} (default {@code target/dev-tls}, ignored by git); nothing is made when it is set to
 * an empty value, for example when a real bundle replaces the demo's.
 */
public class DevelopmentCertificateEnvironmentPostProcessor implements EnvironmentPostProcessor {

	/**
	 * Property naming the directory of the development certificate.
	 */
	public static final String DIRECTORY_PROPERTY = "demo.tls.directory";

	/**
	 * Directory of the development certificate when the property is not set.
	 */
	public static final String DEFAULT_DIRECTORY = "target/dev-tls";

	private final Log logger;

	/**
	 * Creates the post-processor; logging is deferred until the logging system is up.
	 * @param logFactory the factory of deferred logs
	 */
	public DevelopmentCertificateEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(DevelopmentCertificateEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String directory = environment.getProperty(DIRECTORY_PROPERTY, DEFAULT_DIRECTORY);
		if (directory.isBlank()) {
			return;
		}
		try {
			Path path = Path.of(directory);
			if (DevelopmentCertificate.ensure(path)) {
				this.logger.info("Made a self-signed development certificate for localhost in "
						+ path.toAbsolutePath() + ": for trying TLS out, never for production");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not make the demo's development certificate in " + directory, ex);
		}
	}

}
