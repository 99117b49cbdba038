package org.proofwork.lti;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
class JwksEndpointTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	ToolKeys keys;

	@Test
	void publishesPublicKeysWithKidsToAnyone() throws Exception {
		// The next key is created on another thread just after start-up (KeyRotation); this test needs it now.
		keys.ensureKeys();
		mvc.perform(get("/.well-known/jwks.json"))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "max-age=300, public"))
			.andExpect(jsonPath("$.keys", hasSize(greaterThanOrEqualTo(2))))
			.andExpect(jsonPath("$.keys[*].kid", hasItem(keys.signingKey().getKeyID())))
			.andExpect(jsonPath("$.keys[*].alg", everyItem(is("RS256"))))
			// The tool's own keys, and the credential issuer's once a credential was issued.
			.andExpect(jsonPath("$.keys[*].use", everyItem(is("sig"))))
			.andExpect(jsonPath("$.keys[0]", not(hasKey("d"))))
			.andExpect(jsonPath("$.keys[1]", not(hasKey("p"))));
	}
}
