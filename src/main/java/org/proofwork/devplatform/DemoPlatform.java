package org.proofwork.devplatform;

import java.net.URI;

import org.proofwork.system.ProofworkProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Who the demo LMS says it is (issuer, product) and every address it has, all under its issuer
 * {@code {base-url}/dev/lms}, plus the tool's own address it opens Dynamic Registration at.
 */
@Component
@Profile("dev")
class DemoPlatform {

	static final String ROOT = "/dev/lms";

	static final String NAME = "Proofwork demo LMS";

	static final String PRODUCT_FAMILY_CODE = "proofwork-demo";

	static final String VERSION = "1.0";

	/**
	 * Moodle puts the tool type in the query of its service URLs, so {@code /scores} has to go before the query
	 * string; the demo does the same to catch a tool that simply appends it.
	 */
	private static final String MOODLE_QUERY = "?type_id=1";

	private final ProofworkProperties proofwork;

	private final String issuer;

	DemoPlatform(ProofworkProperties proofwork) {
		this.proofwork = proofwork;
		this.issuer = proofwork.url(ROOT).toString();
	}

	String issuer() {
		return issuer;
	}

	String url(String path) {
		return issuer + path;
	}

	String openIdConfiguration() {
		return url("/.well-known/openid-configuration");
	}

	String jwks() {
		return url("/.well-known/jwks.json");
	}

	String authorization() {
		return url("/auth");
	}

	String token() {
		return url("/token");
	}

	String registrations() {
		return url("/registrations");
	}

	String deepLinkReturn() {
		return url("/deep-link-return");
	}

	String coursePage(String userId) {
		return url("/course?as=" + userId);
	}

	String lineItems(String courseId) {
		return url("/courses/" + courseId + "/lineitems" + MOODLE_QUERY);
	}

	String lineItem(String courseId, long lineItemId) {
		return url("/courses/" + courseId + "/lineitems/" + lineItemId + "/lineitem" + MOODLE_QUERY);
	}

	String memberships(String courseId) {
		return url("/courses/" + courseId + "/memberships");
	}

	/** Where the tool starts LTI Dynamic Registration, with what the platform hands it. */
	String toolRegistration(String registrationToken) {
		return UriComponentsBuilder.fromUri(proofwork.url("/lti/register"))
			.queryParam("openid_configuration", openIdConfiguration())
			.queryParam("registration_token", registrationToken)
			.encode()
			.build()
			.toUriString();
	}

	/** The origin the tool's registration page posts its close message from. */
	String toolOrigin() {
		return proofwork.origin();
	}

	/** Whether a request reached the demo LMS at its public address, so cookies and frames line up with the tool. */
	boolean isPublicOrigin(URI requested) {
		URI base = proofwork.baseUrl();
		return base.getScheme().equalsIgnoreCase(requested.getScheme())
				&& base.getHost().equalsIgnoreCase(requested.getHost()) && port(base) == port(requested);
	}

	private static int port(URI uri) {
		return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}
}
