package org.proofwork.credential;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.proofwork.review.DecisionRecorded;

import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Earned decision becomes one signed Open Badges credential per member, with the achievement, the rubric and
 * results, the evidence by hash and the earner by salted hash only; a Not yet issues nothing, a replay nothing twice.
 */
@Tag("persistence")
class CredentialIssuingTest extends CredentialTestSupport {

	@Autowired
	CredentialIssuing issuing;

	@Test
	void anEarnedDecisionIssuesACredentialThatDescribesTheAchievementAndItsRubric() throws Exception {
		Earned earned = earn(Person.educator("Edna Educator"), Place.community());
		JsonNode credential = VcJwt.json.readTree(earned.credential().credentialJson());

		assertThat(credential.path("type").toString()).contains("VerifiableCredential", "OpenBadgeCredential");
		assertThat(credential.path("id").asString()).isEqualTo(BASE + "/credentials/" + earned.credential().id());
		assertThat(credential.path("issuer").path("name").asString()).isEqualTo("Example University Micro-credentials");
		assertThat(credential.path("issuer").path("email").asString()).isEqualTo("credentials@example.edu");
		JsonNode achievement = credential.path("credentialSubject").path("achievement");
		assertThat(achievement.path("name").asString())
			.isEqualTo("Community Partnerships for Learning and Family Well-Being");
		assertThat(achievement.has("creator")).as("the seed names no maker").isFalse();
		assertThat(achievement.path("creditsAvailable").decimalValue()).isEqualByComparingTo("3");
		assertThat(achievement.path("criteria").path("narrative").asString()).contains("## Rubric")
			.contains("Proficient");
		assertThat(achievement.path("resultDescription")).hasSize(6);
		assertThat(credential.path("credentialSubject").path("result")).hasSize(6);
		assertThat(credential.path("validFrom").asString()).isNotEmpty();
	}

	@Test
	void theCredentialsMakerIsTheAchievementsCreatorAndTheToolsOrganisationItsIssuer() {
		var planning = catalog.find("planning-with-purpose-in-community-partnerships").orElseThrow();

		Map<String, Object> achievement = OpenBadge.achievement(java.net.URI.create(BASE + "/credentials/achievements/x"),
				planning, java.util.Optional.empty());

		assertThat(((Map<?, ?>) achievement.get("creator")).get("name")).isEqualTo("Future Ready Schools");
		assertThat(achievement).doesNotContainKey("creditsAvailable");
		assertThat(issuing.issuer().name()).isEqualTo("Example University Micro-credentials");
	}

	@Test
	void theEvidenceIsListedByTitleAndHashWithoutTheFile() throws Exception {
		Earned earned = earn(Person.educator("Hash Holder"), Place.community());
		JsonNode evidence = VcJwt.json.readTree(earned.credential().credentialJson()).path("evidence");
		String sha256 = HexFormat.of().formatHex(OpenBadge.sha256(earned.file()));

		assertThat(evidence).hasSize(1);
		assertThat(evidence.get(0).path("name").asString()).contains("Needs Assessment").contains("Family survey.pdf");
		assertThat(evidence.get(0).path("description").asString()).isEqualTo("SHA-256 " + sha256);
		assertThat(earned.credential().credentialJson()).doesNotContain("%PDF");
	}

	@Test
	void theEarnerIsIdentifiedBySaltedHashesAndTheirEmailIsNotPublished() throws Exception {
		Person educator = Person.educator("Private Person");
		Earned earned = earn(educator, Place.community());
		JsonNode identifiers = VcJwt.json.readTree(earned.credential().credentialJson())
			.path("credentialSubject")
			.path("identifier");

		assertThat(earned.credential().credentialJson()).doesNotContain(educator.email())
			.doesNotContain("Private Person");
		assertThat(earned.credential().compactJwt()).doesNotContain(educator.email());
		JsonNode email = identifiers.get(0);
		assertThat(email.path("identityType").asString()).isEqualTo("emailAddress");
		assertThat(email.path("hashed").asBoolean()).isTrue();
		assertThat(email.path("identityHash").asString())
			.isEqualTo(OpenBadge.identityHash(educator.email(), email.path("salt").asString()));
	}

	@Test
	void everyMemberOfATeamGetsTheirOwnCredentialAndAReplayIssuesNothingTwice() throws Exception {
		Person first = Person.educator("First Member");
		Person second = Person.educator("Second Member");
		Place place = Place.community();
		String workspaceId = submitWithFile(launch("Learner", first, place), first, place, pdf("team"));
		DecisionRecorded decision = decide(place, workspaceId, List.of(first.subject(), second.subject()),
				bestLevels(COMMUNITY));

		IssuedCredential mine = awaitCredential(decision, first.subject());
		IssuedCredential theirs = awaitCredential(decision, second.subject());
		List<IssuedCredential> replayed = issuing.issue(decision);

		assertThat(mine.id()).isNotEqualTo(theirs.id());
		assertThat(mine.teamSize()).isEqualTo(2);
		assertThat(mine.earnerName()).isEqualTo("First Member");
		assertThat(replayed).isEmpty();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM credential WHERE decision_id = :d")
			.param("d", decision.decisionId())
			.query(Long.class)
			.single()).isEqualTo(2);
	}

	@Test
	void aNotYetDecisionIssuesNothing() throws Exception {
		Person educator = Person.educator("Not Yet");
		Place place = Place.community();
		String workspaceId = submitWithFile(launch("Learner", educator, place), educator, place, pdf("not-yet"));
		Map<String, String> levels = new java.util.LinkedHashMap<>(bestLevels(COMMUNITY));
		levels.put("needs-assessment", "basic");
		DecisionRecorded decision = decide(place, workspaceId, List.of(educator.subject()), levels);

		assertThat(decision.outcome()).isEqualTo(DecisionRecorded.Outcome.NOT_YET);
		assertThat(issuing.issue(decision)).isEmpty();
		assertThat(credentials.exists(decision.decisionId(), educator.subject())).isFalse();
	}
}
