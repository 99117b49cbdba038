package org.proofwork.credential;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.proofwork.catalog.CredentialCatalog;
import org.proofwork.catalog.CredentialDefinition;
import org.proofwork.credential.ShareLinks.Opened;
import org.proofwork.credential.ShareLinks.ShareLink;
import org.proofwork.evidence.EvidenceFile;
import org.proofwork.evidence.EvidenceFiles;
import org.proofwork.evidence.EvidenceOwner;
import org.proofwork.submission.SubmittedVersion;
import org.proofwork.submission.Workspaces;
import org.proofwork.system.ProofworkProperties;
import org.proofwork.system.UserFacingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * What a share link shows a university, without signing in: the credential with its live verification and the
 * earner's name, the evidence record, and the artifacts read-only when the educator included them. Under
 * {@code /credentials/shared/} so the public paths need no change. Every opening is logged; an expired or revoked
 * link answers 410 with a page that says so and shows nothing else.
 */
@Controller
class SharedCredentialController {

	static final String VIEW = "credential/shared";

	private final ShareLinks shares;

	private final IssuedCredentials credentials;

	private final Verification verification;

	private final EvidenceRecordPdf records;

	private final Workspaces workspaces;

	private final EvidenceFiles evidence;

	private final CredentialCatalog catalog;

	private final ProofworkProperties proofwork;

	SharedCredentialController(ShareLinks shares, IssuedCredentials credentials, Verification verification,
			EvidenceRecordPdf records, Workspaces workspaces, EvidenceFiles evidence, CredentialCatalog catalog,
			ProofworkProperties proofwork) {
		this.shares = shares;
		this.credentials = credentials;
		this.verification = verification;
		this.records = records;
		this.workspaces = workspaces;
		this.evidence = evidence;
		this.catalog = catalog;
		this.proofwork = proofwork;
	}

	@GetMapping("/credentials/shared/{token}")
	String page(@PathVariable String token, HttpServletRequest request, Model model) {
		ShareLink link = shares.open(token, Opened.PAGE, request.getRemoteAddr());
		IssuedCredential credential = PublicCredentialController.require(credentials, link.credentialId());
		model.addAttribute("link", link);
		model.addAttribute("credential", credential);
		model.addAttribute("report", verification.verify(credential));
		model.addAttribute("base", "/credentials/shared/" + token);
		model.addAttribute("verificationUrl", proofwork.url("/credentials/" + credential.id()).toString());
		if (link.includeArtifacts()) {
			version(credential).ifPresent(version -> {
				model.addAttribute("sections", workspaces.sectionViews(version));
				model.addAttribute("all", version.answers());
				Map<String, EvidenceFile> files = new LinkedHashMap<>();
				owner(credential).ifPresent(owner -> evidence.list(owner).forEach(file -> files.put(file.id(), file)));
				model.addAttribute("files", files);
			});
		}
		return VIEW;
	}

	@GetMapping("/credentials/shared/{token}/record.pdf")
	ResponseEntity<byte[]> record(@PathVariable String token, HttpServletRequest request) {
		ShareLink link = shares.open(token, Opened.RECORD, request.getRemoteAddr());
		IssuedCredential credential = PublicCredentialController.require(credentials, link.credentialId());
		return records.response(credential, verification.verify(credential));
	}

	/**
	 * An artifact of the earning version, read-only. Only files that version refers to: a draft's later uploads, or
	 * another workspace's files, are not found through the link.
	 */
	@GetMapping("/credentials/shared/{token}/files/{fileId}")
	ResponseEntity<StreamingResponseBody> file(@PathVariable String token, @PathVariable String fileId,
			@RequestParam(defaultValue = "false") boolean thumbnail, @RequestParam(defaultValue = "false") boolean inline,
			@RequestHeader(name = "Range", required = false) String range, HttpServletRequest request) {
		ShareLink link = shares.open(token, thumbnail ? Opened.THUMBNAIL : Opened.FILE, request.getRemoteAddr());
		IssuedCredential credential = PublicCredentialController.require(credentials, link.credentialId());
		if (!link.includeArtifacts()) {
			throw notShared(fileId);
		}
		SubmittedVersion version = version(credential).orElseThrow(() -> notShared(fileId));
		CredentialDefinition definition = catalog.find(credential.definitionId()).orElseThrow(() -> notShared(fileId));
		Set<String> inVersion = CredentialIssuing.filesBySection(definition, version.answers())
			.stream()
			.flatMap(section -> section.fileIds().stream())
			.collect(Collectors.toSet());
		if (!inVersion.contains(fileId)) {
			throw notShared(fileId);
		}
		EvidenceOwner owner = owner(credential).orElseThrow(() -> notShared(fileId));
		return evidence.serve(owner, fileId, thumbnail, inline, range);
	}

	private Optional<SubmittedVersion> version(IssuedCredential credential) {
		return workspaces.version(credential.course(), credential.workspaceId(), credential.workspaceVersion());
	}

	private Optional<EvidenceOwner> owner(IssuedCredential credential) {
		return workspaces.evidenceOwner(credential.course(), credential.workspaceId());
	}

	private static UserFacingException notShared(String fileId) {
		return new UserFacingException(HttpStatus.NOT_FOUND, "credential.share.file-missing.title",
				"credential.share.file-missing.advice", "file " + fileId + " not shared by this link");
	}
}
