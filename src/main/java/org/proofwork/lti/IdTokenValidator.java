package org.proofwork.lti;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.proofwork.lti.LaunchRejectedException.Reason;
import org.proofwork.system.ProofworkProperties;
import org.springframework.stereotype.Component;

/**
 * Checks an id_token the way the LTI 1.3 Core specification and the 1EdTech Security Framework ask, in an order that
 * never fetches keys or touches the database for a token that is malformed: form, algorithm and key id first, then
 * issuer and audience against the login's registration, then the signature, then every claim.
 */
@Component
class IdTokenValidator {

	static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";

	static final String AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";

	static final String NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";

	static final String DEEP_LINKING_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";

	private final PlatformKeySets keySets;

	private final LtiSettings settings;

	private final ProofworkProperties proofwork;

	private final Clock clock;

	IdTokenValidator(PlatformKeySets keySets, LtiSettings settings, ProofworkProperties proofwork, Clock clock) {
		this.keySets = keySets;
		this.settings = settings;
		this.proofwork = proofwork;
		this.clock = clock;
	}

	LtiLaunch validate(String idToken, LoginState login, Platform platform) {
		SignedJWT jwt = signedJwt(idToken);
		JWTClaimsSet unverified = claims(jwt);
		if (!platform.issuer().equals(unverified.getIssuer())) {
			throw new LaunchRejectedException(Reason.UNKNOWN_ISSUER,
					"iss " + unverified.getIssuer() + " is not the login's issuer " + platform.issuer());
		}
		List<String> audience = unverified.getAudience();
		if (audience == null || !audience.contains(platform.clientId())) {
			throw new LaunchRejectedException(Reason.UNKNOWN_CLIENT,
					"aud " + audience + " does not contain client_id " + platform.clientId());
		}
		JWTClaimsSet claims = verifySignature(jwt, platform);
		checkTimes(claims);
		checkBinding(claims, login, platform, audience);
		return launchFrom(claims, platform);
	}

	private static SignedJWT signedJwt(String idToken) {
		JWT parsed;
		try {
			parsed = JWTParser.parse(idToken);
		}
		catch (ParseException ex) {
			throw new LaunchRejectedException(Reason.NOT_A_JWT, ex.getMessage());
		}
		if (parsed instanceof PlainJWT) {
			throw new LaunchRejectedException(Reason.UNSIGNED, "alg none");
		}
		if (!(parsed instanceof SignedJWT signed)) {
			throw new LaunchRejectedException(Reason.NOT_A_JWT, "encrypted JWT");
		}
		JWSHeader header = signed.getHeader();
		if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
			throw new LaunchRejectedException(Reason.WRONG_ALGORITHM, "alg " + header.getAlgorithm());
		}
		if (header.getKeyID() == null || header.getKeyID().isBlank()) {
			throw new LaunchRejectedException(Reason.MISSING_KID, "no kid in header");
		}
		return signed;
	}

	private static JWTClaimsSet claims(SignedJWT jwt) {
		try {
			return jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new LaunchRejectedException(Reason.NOT_A_JWT, "claims: " + ex.getMessage());
		}
	}

	private JWTClaimsSet verifySignature(SignedJWT jwt, Platform platform) {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keySets.of(platform)));
		// Claims are checked below, each with its own reason.
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		try {
			return processor.process(jwt, null);
		}
		catch (BadJWSException ex) {
			throw new LaunchRejectedException(Reason.BAD_SIGNATURE, ex.getMessage());
		}
		catch (BadJOSEException ex) {
			throw new LaunchRejectedException(Reason.UNKNOWN_KID,
					"kid " + jwt.getHeader().getKeyID() + " not in " + platform.jwksUri() + ": " + ex.getMessage());
		}
		catch (JOSEException ex) {
			if (hasCause(ex, RateLimitReachedException.class)) {
				throw new LaunchRejectedException(Reason.UNKNOWN_KID, "kid " + jwt.getHeader().getKeyID()
						+ " unknown and key set fetched less than the refetch interval ago");
			}
			throw new LaunchRejectedException(Reason.KEYS_UNAVAILABLE,
					platform.jwksUri() + ": " + ex.getMessage());
		}
	}

	private void checkTimes(JWTClaimsSet claims) {
		Instant now = clock.instant();
		Date exp = claims.getExpirationTime();
		Date iat = claims.getIssueTime();
		if (exp == null || now.isAfter(exp.toInstant().plus(settings.clockSkew()))) {
			throw new LaunchRejectedException(Reason.EXPIRED, "exp " + exp + ", now " + now);
		}
		if (iat == null || iat.toInstant().isAfter(now.plus(settings.clockSkew()))) {
			throw new LaunchRejectedException(Reason.ISSUED_IN_FUTURE, "iat " + iat + ", now " + now);
		}
	}

	private void checkBinding(JWTClaimsSet claims, LoginState login, Platform platform, List<String> audience) {
		String azp = string(claims, "azp");
		if ((audience.size() > 1 || azp != null) && !platform.clientId().equals(azp)) {
			throw new LaunchRejectedException(Reason.WRONG_AZP, "azp " + azp + " with aud " + audience);
		}
		String nonce = string(claims, "nonce");
		if (nonce == null || nonce.isBlank()) {
			throw new LaunchRejectedException(Reason.MISSING_NONCE, "no nonce claim");
		}
		if (!nonce.equals(login.nonce())) {
			throw new LaunchRejectedException(Reason.WRONG_NONCE, "nonce does not match the login's");
		}
		String version = string(claims, LTI + "version");
		if (!"1.3.0".equals(version)) {
			throw new LaunchRejectedException(Reason.WRONG_VERSION, "version " + version);
		}
		String messageType = string(claims, LTI + "message_type");
		if (messageType == null || Set.of(LtiLaunch.MessageType.values())
			.stream()
			.noneMatch(type -> type.name().equals(messageType))) {
			throw new LaunchRejectedException(Reason.UNKNOWN_MESSAGE_TYPE, "message_type " + messageType);
		}
		String deploymentId = string(claims, LTI + "deployment_id");
		if (deploymentId == null || !platform.deploymentIds().contains(deploymentId)) {
			throw new LaunchRejectedException(Reason.UNKNOWN_DEPLOYMENT,
					"deployment_id " + deploymentId + " not in " + platform.deploymentIds(),
					String.valueOf(deploymentId));
		}
		String target = string(claims, LTI + "target_link_uri");
		if (target == null || !target.equals(login.targetLinkUri()) || !isOurs(target)) {
			throw new LaunchRejectedException(Reason.WRONG_TARGET_LINK_URI,
					"target_link_uri " + target + ", login asked for " + login.targetLinkUri());
		}
		String sub = claims.getSubject();
		if (sub == null || sub.isBlank()) {
			throw new LaunchRejectedException(Reason.MISSING_SUB, "no sub: anonymous launch");
		}
	}

	boolean isOurs(String url) {
		try {
			URI uri = URI.create(url);
			URI base = proofwork.baseUrl();
			return Objects.equals(uri.getScheme(), base.getScheme()) && Objects.equals(uri.getHost(), base.getHost())
					&& port(uri) == port(base);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static int port(URI uri) {
		return uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
	}

	private LtiLaunch launchFrom(JWTClaimsSet claims, Platform platform) {
		LtiLaunch.MessageType type = LtiLaunch.MessageType.valueOf(string(claims, LTI + "message_type"));
		Map<String, Object> resourceLink = object(claims, LTI + "resource_link");
		String resourceLinkId = resourceLink == null ? null : text(resourceLink.get("id"));
		if (type != LtiLaunch.MessageType.LtiDeepLinkingRequest && (resourceLinkId == null || resourceLinkId.isBlank())) {
			throw new LaunchRejectedException(Reason.MISSING_RESOURCE_LINK, type + " without resource_link.id");
		}
		LtiLaunch.DeepLinking deepLinking = null;
		if (type == LtiLaunch.MessageType.LtiDeepLinkingRequest) {
			deepLinking = deepLinking(object(claims, DEEP_LINKING_SETTINGS));
		}
		LtiLaunch.Person forUser = null;
		if (type == LtiLaunch.MessageType.LtiSubmissionReviewRequest) {
			Map<String, Object> claim = object(claims, LTI + "for_user");
			String userId = claim == null ? null : text(claim.get("user_id"));
			if (userId == null || userId.isBlank()) {
				throw new LaunchRejectedException(Reason.MISSING_FOR_USER, "no for_user.user_id");
			}
			forUser = new LtiLaunch.Person(userId, text(claim.get("name")), text(claim.get("given_name")),
					text(claim.get("family_name")), text(claim.get("email")));
		}
		Map<String, Object> context = object(claims, LTI + "context");
		Map<String, Object> toolPlatform = object(claims, LTI + "tool_platform");
		Map<String, Object> presentation = object(claims, LTI + "launch_presentation");
		List<String> ltiRoles = strings(claims, LTI + "roles");
		return new LtiLaunch(UUID.randomUUID().toString(), type, platform.id(), platform.issuer(),
				platform.clientId(), string(claims, LTI + "deployment_id"),
				toolPlatform == null ? null : text(toolPlatform.get("product_family_code")),
				context == null ? null
						: new LtiLaunch.Course(text(context.get("id")), text(context.get("title")),
								text(context.get("label"))),
				resourceLinkId == null ? null : new LtiLaunch.ResourceLink(resourceLinkId, text(resourceLink.get("title"))),
				new LtiLaunch.Person(claims.getSubject(), string(claims, "name"), string(claims, "given_name"),
						string(claims, "family_name"), string(claims, "email")),
				LtiRole.fromLti(ltiRoles), ltiRoles, custom(claims), ags(object(claims, AGS_ENDPOINT)),
				nrps(object(claims, NRPS)), deepLinking, forUser,
				presentation == null ? null : uri(presentation.get("return_url")),
				uri(claims.getClaim(LTI + "target_link_uri")), clock.instant());
	}

	private static LtiLaunch.DeepLinking deepLinking(Map<String, Object> settings) {
		URI returnUrl = settings == null ? null : uri(settings.get("deep_link_return_url"));
		if (returnUrl == null) {
			throw new LaunchRejectedException(Reason.MISSING_DEEP_LINKING_SETTINGS, "no deep_link_return_url");
		}
		return new LtiLaunch.DeepLinking(returnUrl, textList(settings.get("accept_types")),
				textList(settings.get("accept_presentation_document_targets")),
				!Boolean.FALSE.equals(settings.get("accept_multiple")), text(settings.get("data")),
				text(settings.get("title")));
	}

	private static LtiLaunch.Ags ags(Map<String, Object> claim) {
		if (claim == null) {
			return null;
		}
		return new LtiLaunch.Ags(uri(claim.get("lineitems")), uri(claim.get("lineitem")),
				Set.copyOf(textList(claim.get("scope"))));
	}

	private static LtiLaunch.Nrps nrps(Map<String, Object> claim) {
		URI memberships = claim == null ? null : uri(claim.get("context_memberships_url"));
		return memberships == null ? null : new LtiLaunch.Nrps(memberships);
	}

	private static Map<String, String> custom(JWTClaimsSet claims) {
		Map<String, Object> claim = object(claims, LTI + "custom");
		Map<String, String> custom = new HashMap<>();
		if (claim != null) {
			claim.forEach((key, value) -> {
				if (value != null) {
					custom.put(key, value.toString());
				}
			});
		}
		return custom;
	}

	private static String string(JWTClaimsSet claims, String name) {
		Object value = claims.getClaim(name);
		return value == null ? null : value.toString();
	}

	private static List<String> strings(JWTClaimsSet claims, String name) {
		return textList(claims.getClaim(name));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> object(JWTClaimsSet claims, String name) {
		Object value = claims.getClaim(name);
		return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
	}

	private static List<String> textList(Object value) {
		List<String> list = new ArrayList<>();
		if (value instanceof List<?> items) {
			items.stream().filter(Objects::nonNull).map(Object::toString).forEach(list::add);
		}
		return list;
	}

	private static String text(Object value) {
		return value == null ? null : value.toString();
	}

	private static URI uri(Object value) {
		if (value == null || value.toString().isBlank()) {
			return null;
		}
		try {
			return URI.create(value.toString());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}
}
