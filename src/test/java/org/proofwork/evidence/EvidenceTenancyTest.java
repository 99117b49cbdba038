package org.proofwork.evidence;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A file belongs to (registration, deployment, context, workspace): an owner differing in any one of them sees
 * nothing, exactly as if the file did not exist.
 */
@org.junit.jupiter.api.Tag("persistence")
class EvidenceTenancyTest extends EvidenceTestBase {

	@Test
	void everyOtherOwnerFindsNothing() {
		EvidenceOwner owner = newOwner();
		EvidenceFile photo = upload(owner, PHOTO_OR_PDF, "photo.jpg", Samples.photoEssay().get(0).bytes());
		EvidenceFile pdf = upload(owner, PHOTO_OR_PDF, "report.pdf", Samples.pdf());

		for (EvidenceOwner other : others(owner)) {
			assertThat(files.list(other)).as("list by %s", other).isEmpty();
			assertThat(files.bytesUsed(other)).as("bytes used by %s", other).isZero();
			for (EvidenceFile file : List.of(photo, pdf)) {
				assertThat(files.find(other, file.id())).as("find by %s", other).isEmpty();
				for (boolean thumbnail : new boolean[] { false, true }) {
					assertThatExceptionOfType(EvidenceNotFoundException.class)
						.isThrownBy(() -> files.serve(other, file.id(), thumbnail, true))
						.satisfies(notFound -> assertThat(notFound.status()).isEqualTo(HttpStatus.NOT_FOUND));
					assertThatExceptionOfType(EvidenceNotFoundException.class)
						.isThrownBy(() -> files.serve(other, file.id(), thumbnail, false, "bytes=0-10"));
				}
				assertThatExceptionOfType(EvidenceNotFoundException.class)
					.isThrownBy(() -> files.delete(other, file.id()));
			}
		}

		assertThat(files.list(owner)).extracting(EvidenceFile::id).containsExactlyInAnyOrder(photo.id(), pdf.id());
		assertThat(body(files.serve(owner, pdf.id(), false, false))).isEqualTo(Samples.pdf());
	}

	@Test
	void anUnknownIdIsNotFoundEither() {
		EvidenceOwner owner = newOwner();

		assertThat(files.find(owner, "no-such-file")).isEmpty();
		assertThatExceptionOfType(EvidenceNotFoundException.class)
			.isThrownBy(() -> files.serve(owner, "no-such-file", false, false));
		assertThatExceptionOfType(EvidenceNotFoundException.class)
			.isThrownBy(() -> files.delete(owner, "' OR '1'='1"));
	}

	private static List<EvidenceOwner> others(EvidenceOwner owner) {
		return List.of(
				new EvidenceOwner(owner.registrationId() + 1, owner.deploymentId(), owner.contextId(),
						owner.workspaceId()),
				new EvidenceOwner(owner.registrationId(), owner.deploymentId() + "x", owner.contextId(),
						owner.workspaceId()),
				new EvidenceOwner(owner.registrationId(), owner.deploymentId(), owner.contextId() + "x",
						owner.workspaceId()),
				new EvidenceOwner(owner.registrationId(), owner.deploymentId(), owner.contextId(),
						owner.workspaceId() + "x"),
				// The same characters split differently between the fields.
				new EvidenceOwner(owner.registrationId(), owner.deploymentId() + "|course", "1", owner.workspaceId()));
	}
}
