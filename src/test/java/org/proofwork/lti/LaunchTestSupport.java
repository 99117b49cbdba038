package org.proofwork.lti;

import org.proofwork.testing.TestPlatform;

import java.net.URI;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.proofwork.system.ProofworkProperties;
import org.proofwork.testing.ControlledClock;
import org.proofwork.testing.MutableClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * What every launch test needs: the tool with a clock the test controls, a platform played by WireMock and
 * registered with the tool, and the browser's side of the OIDC login.
 */
@SpringBootTest
@Import(ControlledClock.class)
@AutoConfigureMockMvc
abstract class LaunchTestSupport {

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	PlatformRegistry registry;

	@Autowired
	ProofworkProperties proofwork;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	TestPlatform platform;

	/** One platform per test class, so each class starts with its own key set cache entry. */
	private static final Map<Class<?>, TestPlatform> platforms = new java.util.concurrent.ConcurrentHashMap<>();

	@BeforeEach
	void registerPlatform() {
		platform = platforms.computeIfAbsent(getClass(), type -> new TestPlatform(clock));
		registry.register(platform.details(), Platform.Source.ADMIN);
	}

	String target() {
		return proofwork.url("/lti/launch").toString();
	}

	/** The browser's side of the OIDC login, up to the redirect to the platform's authorization endpoint. */
	Login login() throws Exception {
		MockHttpServletResponse initiation = mvc
			.perform(get("/lti/login").param("iss", platform.issuer)
				.param("login_hint", "hint-1")
				.param("target_link_uri", target())
				.param("lti_message_hint", "{\"cmid\":7}")
				.param("client_id", TestPlatform.CLIENT_ID)
				.param("lti_deployment_id", TestPlatform.DEPLOYMENT_ID))
			.andReturn()
			.getResponse();
		assertThat(initiation.getStatus()).as("login initiation status").isEqualTo(302);
		Cookie binding = initiation.getCookies()[0];
		MockHttpServletResponse continued = mvc.perform(get(URI.create(initiation.getRedirectedUrl())).cookie(binding))
			.andReturn()
			.getResponse();
		assertThat(continued.getStatus()).as("login continuation status").isEqualTo(302);
		Map<String, List<String>> query = UriComponentsBuilder.fromUriString(continued.getRedirectedUrl())
			.build()
			.getQueryParams();
		return new Login(query.get("state").get(0), query.get("nonce").get(0), binding, continued.getRedirectedUrl());
	}

	ResultActions launch(String idToken, Login login) throws Exception {
		return mvc.perform(post("/lti/launch").param("id_token", idToken).param("state", login.state()).cookie(login.binding()));
	}

	/** Row counts of every table, to prove a refused launch wrote nothing. */
	Map<String, Long> rowCounts() throws SQLException {
		List<String> tables = new ArrayList<>();
		try (var connection = dataSource.getConnection()) {
			DatabaseMetaData metadata = connection.getMetaData();
			try (ResultSet rs = metadata.getTables(connection.getCatalog(), connection.getSchema(), "%",
					new String[] { "TABLE" })) {
				while (rs.next()) {
					tables.add(rs.getString("TABLE_NAME"));
				}
			}
		}
		Map<String, Long> counts = new TreeMap<>();
		for (String table : tables) {
			counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
		}
		assertThat(counts).containsKey(tables.stream().filter(t -> t.equalsIgnoreCase("SPRING_SESSION")).findFirst().orElse("SPRING_SESSION"));
		return counts;
	}

	record Login(String state, String nonce, Cookie binding, String authorizationUrl) {
	}
}
