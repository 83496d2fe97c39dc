package dev.socketserver.ssl;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.jspecify.annotations.Nullable;

/**
 * Reads the names of a certificate, for handlers that bind a connection's identity from its client certificate:
 * <pre class="code">
 * X509Certificate certificate = connection.peerCertificate();
 * if (certificate != null) {
 *     connection.bindIdentity(CertificateNames.commonName(certificate));
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class CertificateNames {

	private static final int RFC822_NAME = 1;

	private static final int DNS_NAME = 2;

	private static final int URI = 6;

	private static final int IP_ADDRESS = 7;

	private CertificateNames() {
	}

	/**
	 * Returns the common name (CN) of the certificate's subject.
	 * @param certificate the certificate
	 * @return the most specific common name, or {@code null} if the subject has none
	 */
	public static @Nullable String commonName(X509Certificate certificate) {
		try {
			List<Rdn> rdns = new LdapName(certificate.getSubjectX500Principal().getName()).getRdns();
			for (int i = rdns.size() - 1; i >= 0; i--) {
				Rdn rdn = rdns.get(i);
				if ("CN".equalsIgnoreCase(rdn.getType())) {
					return String.valueOf(rdn.getValue());
				}
			}
			return null;
		}
		catch (InvalidNameException ex) {
			return null;
		}
	}

	/**
	 * Returns the DNS names, IP addresses, URIs and e-mail addresses among the certificate's subject alternative
	 * names, in their order.
	 * @param certificate the certificate
	 * @return the names, empty if there are none
	 */
	public static List<String> subjectAlternativeNames(X509Certificate certificate) {
		Collection<List<?>> names;
		try {
			names = certificate.getSubjectAlternativeNames();
		}
		catch (CertificateParsingException ex) {
			return List.of();
		}
		if (names == null) {
			return List.of();
		}
		List<String> result = new ArrayList<>();
		for (List<?> name : names) {
			if (name.size() >= 2 && name.get(0) instanceof Integer type && name.get(1) instanceof String value
					&& (type == DNS_NAME || type == IP_ADDRESS || type == URI || type == RFC822_NAME)) {
				result.add(value);
			}
		}
		return List.copyOf(result);
	}

}
