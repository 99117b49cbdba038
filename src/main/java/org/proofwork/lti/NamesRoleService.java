package org.proofwork.lti;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Service;

/**
 * A course's roster through LTI Names and Role Provisioning Services 2.0. Every failure is a
 * {@link PlatformServiceException} that says whether trying again can help.
 */
@Service
public class NamesRoleService {

	private static final Logger log = LoggerFactory.getLogger(NamesRoleService.class);

	public static final String SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";

	/** Exactly this: Moodle answers 400 to {@code application/json} or a list of types. */
	static final String MEMBERSHIP_CONTAINER_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";

	private final PlatformAccessTokens tokens;

	private final PlatformHttp http;

	NamesRoleService(PlatformAccessTokens tokens, PlatformHttp http) {
		this.tokens = tokens;
		this.http = http;
	}

	/**
	 * Everyone in the context, from every page the platform announces with {@code Link: rel="next"} (Canvas sends
	 * at most 50 members a page; Moodle sends all at once).
	 * @param contextMembershipsUrl the {@code context_memberships_url} of the launch's NRPS claim
	 */
	public List<Member> members(Platform platform, URI contextMembershipsUrl) {
		return LinkHeaderPages.collect(contextMembershipsUrl, page -> tokens.authorized(platform, Set.of(SCOPE),
				token -> http.send(HttpMethod.GET, page, headers -> {
					headers.setBearerAuth(token);
					headers.set(HttpHeaders.ACCEPT, MEMBERSHIP_CONTAINER_TYPE);
				}, null)), (page, answer) -> {
					JsonNode members = http.json(answer, HttpMethod.GET, page).path("members");
					if (!members.isArray()) {
						throw PlatformServiceException.unreadable("GET " + page, answer.status(),
								"membership container has no members array", answer.body(), null);
					}
					List<Member> read = new ArrayList<>();
					for (JsonNode member : members.values()) {
						Member parsed = member(member);
						if (parsed != null) {
							read.add(parsed);
						}
					}
					return read;
				});
	}

	private static Member member(JsonNode json) {
		String userId = text(json, "user_id");
		if (userId == null) {
			// One broken entry should not cost the whole roster; it cannot be matched to anyone anyway.
			log.warn("Ignoring a roster entry without user_id");
			return null;
		}
		List<String> roles = new ArrayList<>();
		for (JsonNode role : json.path("roles").values()) {
			if (role.isString() && !role.stringValue().isBlank()) {
				roles.add(role.stringValue().strip());
			}
		}
		return new Member(userId, text(json, "name"), text(json, "given_name"), text(json, "family_name"),
				text(json, "email"), Member.Status.fromNrps(text(json, "status")), LtiRole.fromLti(roles), roles);
	}

	private static String text(JsonNode json, String name) {
		JsonNode value = json.path(name);
		if (value.isString()) {
			return LineItem.blankToNull(value.stringValue());
		}
		// Moodle's user ids are numbers in the database; a platform may send them unquoted.
		return value.isNumber() ? value.asString() : null;
	}
}
