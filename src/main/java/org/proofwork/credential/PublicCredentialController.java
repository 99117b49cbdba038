package org.proofwork.credential;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.proofwork.catalog.CredentialCatalog;
import org.proofwork.catalog.CredentialDefinition;
import org.proofwork.system.ProofworkProperties;
import org.proofwork.system.UserFacingException;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * What anyone may see of a credential, without signing in (everything under {@code /credentials/} is public): the
 * verification page and its JSON for programs, the credential as JSON-LD and as a VC-JWT, and the documents its ids
 * point to (the issuer's profile, the issuer keys, the achievement, the revocation list). The earner's name is not on
 * these pages: only the earner's own share links show it.
 */
@Controller
class PublicCredentialController {

	static final String VIEW = "credential/public";

	static final MediaType JWT = MediaType.parseMediaType("application/jwt");

	/** Credential ids are UUIDs; anything else is not ours and is answered like an unknown one. */
	private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");

	private final IssuedCredentials credentials;

	private final Verification verification;

	private final CredentialIssuing issuing;

	private final IssuerKeys keys;

	private final Revocations revocations;

	private final CredentialCatalog catalog;

	private final CredentialSettings settings;

	private final ProofworkProperties proofwork;

	PublicCredentialController(IssuedCredentials credentials, Verification verification, CredentialIssuing issuing,
			IssuerKeys keys, Revocations revocations, CredentialCatalog catalog, CredentialSettings settings,
			ProofworkProperties proofwork) {
		this.credentials = credentials;
		this.verification = verification;
		this.issuing = issuing;
		this.keys = keys;
		this.revocations = revocations;
		this.catalog = catalog;
		this.settings = settings;
		this.proofwork = proofwork;
	}

	@GetMapping("/credentials/{id}")
	String page(@PathVariable String id, Model model) {
		IssuedCredential credential = require(credentials, id);
		model.addAttribute("credential", credential);
		model.addAttribute("report", verification.verify(credential));
		model.addAttribute("verificationUrl", proofwork.url("/credentials/" + id).toString());
		return VIEW;
	}

	/** The same verification as the page, for programs. */
	@GetMapping(path = "/credentials/{id}/verification", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	ResponseEntity<Map<String, Object>> verification(@PathVariable String id) {
		IssuedCredential credential = require(credentials, id);
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(verification.asJson(verification.verify(credential)));
	}

	@GetMapping("/credentials/{id}/credential.json")
	ResponseEntity<String> json(@PathVariable String id) {
		IssuedCredential credential = require(credentials, id);
		return download(credential.credentialJson(), MediaType.APPLICATION_JSON, "credential-" + id + ".json");
	}

	@GetMapping("/credentials/{id}/credential.jwt")
	ResponseEntity<String> jwt(@PathVariable String id) {
		IssuedCredential credential = require(credentials, id);
		return download(credential.compactJwt(), JWT, "credential-" + id + ".jwt");
	}

	/** The issuing organisation's profile: what every credential's {@code issuer.id} points to. */
	@GetMapping(path = "/credentials/issuer", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Map<String, Object> issuer() {
		return OpenBadge.issuerProfile(issuing.issuer());
	}

	/** One issuer public key: what a credential's {@code kid} points to. */
	@GetMapping(path = "/credentials/keys/{keyId}", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	ResponseEntity<Map<String, Object>> key(@PathVariable String keyId) {
		return keys.publicKeys()
			.stream()
			.filter(key -> key.getKeyID().endsWith("/credentials/keys/" + keyId))
			.findFirst()
			.map(key -> ResponseEntity.ok()
				.cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
				.body(key.toPublicJWK().toJSONObject()))
			.orElseThrow(() -> new UserFacingException(HttpStatus.NOT_FOUND, "credential.key.missing.title",
					"credential.key.missing.advice", "no issuer key " + keyId));
	}

	/**
	 * The 1EdTech revocation list every credential's {@code credentialStatus} points to: the ids of revoked
	 * credentials, with why.
	 */
	@GetMapping(path = "/credentials/revocations", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	ResponseEntity<Map<String, Object>> revocations() {
		Map<String, Object> list = new LinkedHashMap<>();
		list.put("id", proofwork.url("/credentials/revocations").toString());
		list.put("issuer", issuing.issuer().id().toString());
		List<Map<String, Object>> revoked = revocations.all().stream().map(revocation -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("id", proofwork.url("/credentials/" + revocation.credentialId()).toString());
			entry.put("revoked", true);
			entry.put("revocationReason", revocation.reason());
			entry.put("revocationDate", revocation.revokedAt().toString());
			return entry;
		}).toList();
		list.put("revokedCredentials", revoked);
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(list);
	}

	/** The achievement a credential certifies, as every credential of it describes it. */
	@GetMapping(path = "/credentials/achievements/{definitionId}", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Map<String, Object> achievement(@PathVariable String definitionId) {
		CredentialDefinition definition = catalog.find(definitionId)
			.orElseThrow(() -> new UserFacingException(HttpStatus.NOT_FOUND, "credential.achievement.missing.title",
					"credential.achievement.missing.advice", "no credential definition " + definitionId));
		Map<String, Object> achievement = new LinkedHashMap<>();
		achievement.put("@context", List.of(OpenBadge.VC_CONTEXT, OpenBadge.OB_CONTEXT));
		achievement.putAll(OpenBadge.achievement(issuing.achievementUrl(definition.id()), definition,
				settings.creditsAvailable(definition.id())));
		return achievement;
	}

	static IssuedCredential require(IssuedCredentials credentials, String id) {
		Optional<IssuedCredential> credential = ID.matcher(id).matches() ? credentials.find(id) : Optional.empty();
		return credential.orElseThrow(() -> new UserFacingException(HttpStatus.NOT_FOUND, "credential.missing.title",
					"credential.missing.advice", "no credential " + id));
	}

	private static ResponseEntity<String> download(String body, MediaType type, String fileName) {
		return ResponseEntity.ok()
			.contentType(type)
			.header("Content-Disposition", ContentDisposition.attachment().filename(fileName).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.cacheControl(CacheControl.noCache())
			.body(body);
	}
}
