package org.proofwork.credential;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.nimbusds.jose.JWSObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issued credentials are valid Open Badges 3.0 credentials by 1EdTech's own JSON schema: the JSON-LD people download
 * and the credential inside the VC-JWT alike.
 */
class OpenBadgeSchemaTest extends CredentialTestSupport {

	static Schema schema;

	@BeforeAll
	static void loadSchema() throws IOException {
		try (InputStream in = OpenBadgeSchemaTest.class
			.getResourceAsStream("/credential/ob_v3p0_achievementcredential_schema.json")) {
			schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09).getSchema(in);
		}
	}

	@Test
	void theDownloadedCredentialValidatesAgainstTheOpenBadgesSchema() throws Exception {
		Earned earned = earn(Person.educator("Schema Valid"), Place.community());

		String downloaded = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.get("/credentials/" + earned.credential().id() + "/credential.json")).andReturn().getResponse()
			.getContentAsString();
		List<Error> errors = schema.validate(downloaded, InputFormat.JSON);

		assertThat(errors).isEmpty();
	}

	@Test
	void theCredentialInsideTheJwtValidatesToo() throws Exception {
		Earned earned = earn(Person.educator("Jwt Valid"), Place.community());

		String payload = JWSObject.parse(earned.credential().compactJwt()).getPayload().toString();

		assertThat(schema.validate(payload, InputFormat.JSON)).isEmpty();
	}

	@Test
	void theSchemaRefusesACredentialWithoutAnIssuer() throws Exception {
		Earned earned = earn(Person.educator("Schema Bites"), Place.community());
		tools.jackson.databind.node.ObjectNode broken = (tools.jackson.databind.node.ObjectNode) VcJwt.json
			.readTree(earned.credential().credentialJson());
		broken.remove("issuer");

		assertThat(schema.validate(broken.toString(), InputFormat.JSON)).isNotEmpty();
	}
}
