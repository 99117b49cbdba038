package org.proofwork.credential;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.proofwork.catalog.CredentialCatalog;
import org.proofwork.catalog.CredentialDefinition;
import org.proofwork.evidence.EvidenceFile;
import org.proofwork.evidence.EvidenceFiles;
import org.proofwork.evidence.EvidenceOwner;
import org.proofwork.lti.CourseKey;
import org.proofwork.review.DecisionRecorded;
import org.proofwork.submission.Answers;
import org.proofwork.submission.Section;
import org.proofwork.submission.SubmittedVersion;
import org.proofwork.submission.TeamMember;
import org.proofwork.submission.Workspaces;
import org.proofwork.system.ProofworkProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues the Open Badges credentials of an Earned decision: one per member (every member of a team), signed with
 * the issuer key, all in one transaction. Issuing the same decision again adds nothing: a member who already has the
 * decision's credential is skipped, and the table's unique (decision, member) key backs that up.
 */
@Service
class CredentialIssuing {

	private static final Logger log = LoggerFactory.getLogger(CredentialIssuing.class);

	private static final SecureRandom random = new SecureRandom();

	private final IssuedCredentials credentials;

	private final IssuerKeys keys;

	private final CredentialCatalog catalog;

	private final Workspaces workspaces;

	private final EvidenceFiles evidence;

	private final CredentialSettings settings;

	private final ProofworkProperties proofwork;

	private final Clock clock;

	CredentialIssuing(IssuedCredentials credentials, IssuerKeys keys, CredentialCatalog catalog,
			Workspaces workspaces, EvidenceFiles evidence, CredentialSettings settings, ProofworkProperties proofwork,
			Clock clock) {
		this.credentials = credentials;
		this.keys = keys;
		this.catalog = catalog;
		this.workspaces = workspaces;
		this.evidence = evidence;
		this.settings = settings;
		this.proofwork = proofwork;
		this.clock = clock;
	}

	/** @return the credentials this call issued (none for a Not yet, or when all were issued before) */
	@Transactional
	List<IssuedCredential> issue(DecisionRecorded decision) {
		if (decision.outcome() != DecisionRecorded.Outcome.EARNED) {
			return List.of();
		}
		CredentialDefinition definition = catalog.find(decision.credentialId())
			.orElseThrow(() -> new IllegalStateException("Decision " + decision.decisionId()
					+ " is for credential " + decision.credentialId() + ", which the catalog no longer has"));
		CourseKey course = new CourseKey(decision.registrationId(), decision.deploymentId(), decision.contextId());
		Map<String, TeamMember> members = new LinkedHashMap<>();
		workspaces.memberDetails(course, decision.workspaceId()).forEach(member -> members.put(member.subject(), member));
		List<OpenBadge.EvidenceItem> files = evidenceOf(course, decision, definition);
		RSAKey key = keys.signingKey();
		Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		Optional<Instant> validUntil = Optional.ofNullable(settings.validFor()).map(now::plus);

		List<IssuedCredential> issued = new ArrayList<>();
		for (String subject : decision.memberSubjects()) {
			if (credentials.exists(decision.decisionId(), subject)) {
				continue;
			}
			TeamMember member = members.getOrDefault(subject, new TeamMember(subject, null, null));
			String id = UUID.randomUUID().toString();
			OpenBadge.Claims claims = new OpenBadge.Claims(credentialUrl(id), issuer(),
					"urn:uuid:" + UUID.randomUUID(), new OpenBadge.Earner(member.email(), subject, salt()), definition,
					achievementUrl(definition.id()), decision.rubricLevels(),
					settings.creditsAvailable(definition.id()), files, now, validUntil, decision.decidedAt(),
					proofwork.url("/credentials/revocations"));
			Map<String, Object> credential = OpenBadge.credential(claims);
			String jwt = VcJwt.sign(credential, validUntil, key);
			IssuedCredential row = new IssuedCredential(id, decision.decisionId(), subject, course,
					decision.resourceLinkId(), decision.workspaceId(), decision.version(), definition.id(),
					definition.title(), name(member), decision.memberSubjects().size(), decision.rubricLevels(),
					decision.decidedAt(), now, validUntil, key.getKeyID(), VcJwt.json.writeValueAsString(credential),
					jwt);
			credentials.insert(row);
			issued.add(row);
			log.info("Issued credential {} ({}) to {} on decision {}", id, definition.id(), subject,
					decision.decisionId());
		}
		return issued;
	}

	/**
	 * The files of the earning version, in the credential's order of sections, each once. A file the evidence store
	 * no longer has (it cannot: versions keep their files) is left out rather than stopping the issuing.
	 */
	private List<OpenBadge.EvidenceItem> evidenceOf(CourseKey course, DecisionRecorded decision,
			CredentialDefinition definition) {
		Optional<SubmittedVersion> version = workspaces.version(course, decision.workspaceId(), decision.version());
		Optional<EvidenceOwner> owner = workspaces.evidenceOwner(course, decision.workspaceId());
		if (version.isEmpty() || owner.isEmpty()) {
			log.warn("Decision {}: version {} of workspace {} not found; the credential lists no evidence",
					decision.decisionId(), decision.version(), decision.workspaceId());
			return List.of();
		}
		List<OpenBadge.EvidenceItem> items = new ArrayList<>();
		for (SectionFiles section : filesBySection(definition, version.get().answers())) {
			for (String fileId : section.fileIds()) {
				Optional<EvidenceFile> file = evidence.find(owner.get(), fileId);
				if (file.isEmpty()) {
					log.warn("Evidence file {} of workspace {} is missing", fileId, decision.workspaceId());
					continue;
				}
				items.add(new OpenBadge.EvidenceItem(section.title(), file.get().displayName(), file.get().sha256(),
						kindName(file.get())));
			}
		}
		return items;
	}

	/** A section's title and the ids of every file its answers refer to, its own and its items'. */
	record SectionFiles(String sectionId, String title, Set<String> fileIds) {
	}

	static List<SectionFiles> filesBySection(CredentialDefinition definition, Answers answers) {
		List<SectionFiles> sections = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		for (Section section : Section.of(definition)) {
			Answers.SectionAnswers answered = answers.section(section.id());
			Set<String> ids = new LinkedHashSet<>();
			answered.files().values().forEach(ids::addAll);
			answered.groups().values().forEach(items -> items.forEach(item -> item.files().values().forEach(ids::addAll)));
			ids.removeIf(id -> !seen.add(id));
			if (!ids.isEmpty()) {
				sections.add(new SectionFiles(section.id(), section.title(), ids));
			}
		}
		return sections;
	}

	private static String kindName(EvidenceFile file) {
		return switch (file.kind()) {
			case PHOTO -> "Photo";
			case DOCUMENT -> "Document";
			case VIDEO -> "Video";
			case OTHER -> "File";
		};
	}

	private static String name(TeamMember member) {
		return member.name() == null || member.name().isBlank() ? member.subject() : member.name();
	}

	OpenBadge.Issuer issuer() {
		CredentialSettings.Issuer issuer = settings.issuer();
		return new OpenBadge.Issuer(proofwork.url("/credentials/issuer"), issuer.name(), issuer.url(),
				issuer.email(), issuer.description());
	}

	URI credentialUrl(String id) {
		return proofwork.url("/credentials/" + id);
	}

	URI achievementUrl(String definitionId) {
		return proofwork.url("/credentials/achievements/" + definitionId);
	}

	private static String salt() {
		byte[] salt = new byte[16];
		random.nextBytes(salt);
		return HexFormat.of().formatHex(salt);
	}
}
