package org.proofwork.evidence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * An evidence file as stored: already checked, and for a photo already stripped of its metadata.
 *
 * @param id the server-made id, the only name the file has in URLs and storage
 * @param owner whose file it is
 * @param slotId the catalog file slot it was uploaded to
 * @param displayName the name the uploader's computer gave it, for display only (never a path)
 * @param mediaType the type its bytes show, such as {@code image/jpeg}; not the type its name or the browser claimed
 * @param kind what kind of evidence it is
 * @param size the stored size in bytes (for a photo, of the re-encoded picture)
 * @param sha256 the hex SHA-256 of the stored bytes
 * @param takenAt when a photo was taken, from its EXIF {@code DateTimeOriginal} read before the metadata was removed
 * (camera local time, as EXIF has no zone); empty for other files or photos without it
 * @param width a photo's width in pixels as displayed (orientation applied), 0 for other files
 * @param height a photo's height in pixels as displayed, 0 for other files
 * @param hasThumbnail whether a thumbnail was made (photos)
 * @param uploadedAt when the upload completed
 */
public record EvidenceFile(String id, EvidenceOwner owner, String slotId, String displayName, String mediaType,
		EvidenceKind kind, long size, String sha256, Optional<LocalDateTime> takenAt, int width, int height,
		boolean hasThumbnail, Instant uploadedAt) {

	public EvidenceFile {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(owner, "owner");
		Objects.requireNonNull(takenAt, "takenAt");
	}

	/** The day a photo was taken, as the photo essay's date checks want it. */
	public Optional<LocalDate> takenOn() {
		return takenAt.map(LocalDateTime::toLocalDate);
	}

	public boolean isPhoto() {
		return kind == EvidenceKind.PHOTO;
	}
}
