package org.proofwork.lti;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publishes the tool's public keys; platforms verify the tool's client assertions and deep linking responses with
 * them.
 */
@RestController
class JwksController {

	private final ToolKeys keys;

	private final List<AdditionalPublishedKeys> additional;

	JwksController(ToolKeys keys, List<AdditionalPublishedKeys> additional) {
		this.keys = keys;
		this.additional = additional;
	}

	@GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
			.body(published().toJSONObject(true));
	}

	private JWKSet published() {
		List<JWK> all = new ArrayList<>(keys.publicKeySet().getKeys());
		additional.forEach(source -> source.publicKeys().stream().map(JWK::toPublicJWK).forEach(all::add));
		return new JWKSet(all);
	}
}
