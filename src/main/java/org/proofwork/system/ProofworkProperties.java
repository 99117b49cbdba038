package org.proofwork.system;

import java.net.URI;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every module shares.
 *
 * @param baseUrl the public URL the tool is reached at (scheme, host, port, optional path, no trailing slash);
 * every LTI URL the tool hands out is derived from it, so it must be the address the LMS and browsers use, also
 * behind a reverse proxy
 * @param dataDir where the embedded database, the evidence files and the local master key live
 */
@ConfigurationProperties("proofwork")
public record ProofworkProperties(@DefaultValue("http://localhost:8080") URI baseUrl,
		@DefaultValue("./data") Path dataDir) {

	public ProofworkProperties {
		if (baseUrl.getScheme() == null || baseUrl.getHost() == null) {
			throw new IllegalArgumentException(
					"proofwork.base-url must be an absolute http(s) URL such as https://proofwork.example.edu, was "
							+ baseUrl);
		}
		String text = baseUrl.toString();
		if (text.endsWith("/")) {
			baseUrl = URI.create(text.substring(0, text.length() - 1));
		}
	}

	/** An absolute URL for a path of this tool, such as {@code /lti/launch}. */
	public URI url(String path) {
		return URI.create(baseUrl + (path.startsWith("/") ? path : "/" + path));
	}

	/** The origin (scheme, host and port) of the base URL, as browsers compare it. */
	public String origin() {
		int port = baseUrl.getPort();
		return baseUrl.getScheme() + "://" + baseUrl.getHost() + (port == -1 ? "" : ":" + port);
	}
}
