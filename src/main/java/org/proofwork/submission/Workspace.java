package org.proofwork.submission;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.Persistable;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One educator's (or one team's) work on one credential placed on one course link. The draft is the answers as JSON;
 * its revision guards against a save that would silently overwrite a newer one (another tab, a teammate).
 */
@Table("workspace")
class Workspace implements Persistable<String> {

	@Id
	private final String id;

	private final long registrationId;

	private final String deploymentId;

	private final String contextId;

	private final String resourceLinkId;

	private final String credentialId;

	private final String ownerSubject;

	private WorkspaceStatus status;

	private String draft;

	@Version
	private Integer draftRevision;

	private Instant draftSavedAt;

	private String draftSavedBy;

	private int submittedCount;

	private String gradeTarget;

	private final Instant createdAt;

	@MappedCollection(idColumn = "workspace_id")
	private Set<Member> members;

	@Transient
	private boolean isNew;

	Workspace(String id, long registrationId, String deploymentId, String contextId, String resourceLinkId,
			String credentialId, String ownerSubject, WorkspaceStatus status, String draft, Integer draftRevision,
			Instant draftSavedAt, String draftSavedBy, int submittedCount, String gradeTarget, Instant createdAt,
			Set<Member> members) {
		this.id = id;
		this.registrationId = registrationId;
		this.deploymentId = deploymentId;
		this.contextId = contextId;
		this.resourceLinkId = resourceLinkId;
		this.credentialId = credentialId;
		this.ownerSubject = ownerSubject;
		this.status = status;
		this.draft = draft;
		this.draftRevision = draftRevision;
		this.draftSavedAt = draftSavedAt;
		this.draftSavedBy = draftSavedBy;
		this.submittedCount = submittedCount;
		this.gradeTarget = gradeTarget;
		this.createdAt = createdAt;
		this.members = new LinkedHashSet<>(members);
	}

	static Workspace start(long registrationId, String deploymentId, String contextId, String resourceLinkId,
			String credentialId, String ownerSubject, String ownerName, String ownerEmail, String draft,
			String gradeTarget, Instant now) {
		Workspace workspace = new Workspace(UUID.randomUUID().toString(), registrationId, deploymentId, contextId,
				resourceLinkId, credentialId, ownerSubject, WorkspaceStatus.DRAFT, draft, null, now, ownerSubject, 0,
				gradeTarget, now, Set.of(new Member(ownerSubject, ownerName, ownerEmail)));
		workspace.isNew = true;
		return workspace;
	}

	/** Replaces the draft; the caller has checked that the educator saw the current revision. */
	void saveDraft(String newDraft, String savedBy, Instant now) {
		if (!status.editable()) {
			throw new IllegalStateException("Workspace " + id + " is " + status + " and cannot be changed");
		}
		draft = newDraft;
		draftSavedAt = now;
		draftSavedBy = savedBy;
	}

	/** Freezes the next version number; the caller stores the version. */
	int submit() {
		if (!status.editable()) {
			throw new IllegalStateException("Workspace " + id + " is " + status + " and cannot be submitted");
		}
		submittedCount++;
		status = WorkspaceStatus.SUBMITTED;
		return submittedCount;
	}

	void reviewStarted() {
		if (status == WorkspaceStatus.SUBMITTED) {
			status = WorkspaceStatus.UNDER_REVIEW;
		}
	}

	void decided(boolean earned) {
		status = earned ? WorkspaceStatus.EARNED : WorkspaceStatus.NOT_YET;
	}

	void addMember(String subject, String name, String email) {
		members.add(new Member(subject, name, email));
	}

	void removeMember(String subject) {
		if (!subject.equals(ownerSubject)) {
			members.removeIf(member -> member.subject().equals(subject));
		}
	}

	void updateGradeTarget(String target) {
		if (target != null) {
			gradeTarget = target;
		}
	}

	boolean hasMember(String subject) {
		return members.stream().anyMatch(member -> member.subject().equals(subject));
	}

	@Override
	public String getId() {
		return id;
	}

	@Override
	public boolean isNew() {
		return isNew;
	}

	String id() {
		return id;
	}

	long registrationId() {
		return registrationId;
	}

	String deploymentId() {
		return deploymentId;
	}

	String contextId() {
		return contextId;
	}

	String resourceLinkId() {
		return resourceLinkId;
	}

	String credentialId() {
		return credentialId;
	}

	String ownerSubject() {
		return ownerSubject;
	}

	WorkspaceStatus status() {
		return status;
	}

	String draft() {
		return draft;
	}

	int draftRevision() {
		return draftRevision == null ? 0 : draftRevision;
	}

	Instant draftSavedAt() {
		return draftSavedAt;
	}

	int submittedCount() {
		return submittedCount;
	}

	String gradeTarget() {
		return gradeTarget;
	}

	Instant createdAt() {
		return createdAt;
	}

	Set<Member> members() {
		return Set.copyOf(members);
	}

	@Table("workspace_member")
	record Member(String subject, String name, String email) {
	}
}
