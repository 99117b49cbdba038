package org.proofwork.evidence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The evidence tables. Every query about files names the owner's four values; the methods that change counts are
 * meant to run inside the caller's transaction, in the lock order blob rows, then file row, then usage row.
 */
@Component
class EvidenceRecords {

	private static final String COLUMNS = """
			id, registration_id, deployment_id, context_id, workspace_id, slot_id, display_name, media_type, kind,
			size, sha256, thumbnail_sha256, taken_at, width, height, uploaded_at""";

	private static final String OWNER_IS = """
			owner_key = :ownerKey AND registration_id = :registration AND deployment_id = :deployment
			AND context_id = :context AND workspace_id = :workspace""";

	private final JdbcClient jdbc;

	EvidenceRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<StoredFile> list(EvidenceOwner owner) {
		return owned("SELECT " + COLUMNS + " FROM evidence_file WHERE " + OWNER_IS + " ORDER BY uploaded_at, id", owner)
			.query(EvidenceRecords::file)
			.list();
	}

	Optional<StoredFile> find(EvidenceOwner owner, String id) {
		return owned("SELECT " + COLUMNS + " FROM evidence_file WHERE id = :id AND " + OWNER_IS, owner).param("id", id)
			.query(EvidenceRecords::file)
			.optional();
	}

	/** The owner's file, locked until the transaction ends. */
	Optional<StoredFile> lock(EvidenceOwner owner, String id) {
		return owned("SELECT " + COLUMNS + " FROM evidence_file WHERE id = :id AND " + OWNER_IS + " FOR UPDATE", owner)
			.param("id", id)
			.query(EvidenceRecords::file)
			.optional();
	}

	void insert(StoredFile file) {
		owned("""
				INSERT INTO evidence_file (owner_key, id, registration_id, deployment_id, context_id, workspace_id,
				  slot_id, display_name, media_type, kind, size, sha256, thumbnail_sha256, taken_at, width, height,
				  uploaded_at)
				VALUES (:ownerKey, :id, :registration, :deployment, :context, :workspace, :slot, :name, :mediaType,
				  :kind, :size, :sha256, :thumbnail, :takenAt, :width, :height, :uploadedAt)
				""", file.owner())
			.param("id", file.id())
			.param("slot", file.slotId())
			.param("name", file.displayName())
			.param("mediaType", file.mediaType())
			.param("kind", file.kind().name())
			.param("size", file.size())
			.param("sha256", file.sha256())
			.param("thumbnail", file.thumbnailSha256())
			.param("takenAt", file.takenAt())
			.param("width", file.width())
			.param("height", file.height())
			.param("uploadedAt", file.uploadedAt())
			.update();
	}

	void delete(StoredFile file) {
		owned("DELETE FROM evidence_file WHERE id = :id AND " + OWNER_IS, file.owner()).param("id", file.id()).update();
	}

	long bytesUsed(EvidenceOwner owner) {
		return owned("SELECT bytes_used FROM evidence_usage WHERE " + OWNER_IS, owner).query(Long.class)
			.optional()
			.orElse(0L);
	}

	/**
	 * Counts {@code bytes} against the owner's total if it stays within {@code limit}; the row stays locked until
	 * the transaction ends, so concurrent uploads of one workspace pass this one after the other.
	 *
	 * @return whether the bytes fit
	 */
	boolean use(EvidenceOwner owner, long bytes, long limit) {
		for (int attempt = 0; attempt < 2; attempt++) {
			int updated = owned("UPDATE evidence_usage SET bytes_used = bytes_used + :bytes WHERE " + OWNER_IS
					+ " AND bytes_used + :bytes <= :limit", owner)
				.param("bytes", bytes)
				.param("limit", limit)
				.update();
			if (updated == 1) {
				return true;
			}
			if (owned("SELECT COUNT(*) FROM evidence_usage WHERE " + OWNER_IS, owner).query(Long.class).single() > 0) {
				return false;
			}
			if (bytes > limit) {
				return false;
			}
			try {
				owned("""
						INSERT INTO evidence_usage
						  (owner_key, registration_id, deployment_id, context_id, workspace_id, bytes_used)
						VALUES (:ownerKey, :registration, :deployment, :context, :workspace, :bytes)
						""", owner)
					.param("bytes", bytes)
					.update();
				return true;
			}
			catch (DuplicateKeyException ex) {
				// The workspace's first two uploads at once: the other one created the row; count against it.
			}
		}
		return false;
	}

	void release(EvidenceOwner owner, long bytes) {
		owned("UPDATE evidence_usage SET bytes_used = bytes_used - :bytes WHERE " + OWNER_IS, owner)
			.param("bytes", bytes)
			.update();
	}

	/**
	 * One more reference to a blob, locking its row.
	 *
	 * @return true if the row is new, so the caller must put the bytes into the store in this transaction
	 */
	boolean reference(StoredBlob blob, Instant now) {
		for (int attempt = 0; attempt < 2; attempt++) {
			if (jdbc.sql("UPDATE evidence_blob SET ref_count = ref_count + 1 WHERE sha256 = :sha256")
				.param("sha256", blob.sha256())
				.update() == 1) {
				return false;
			}
			try {
				jdbc.sql("""
						INSERT INTO evidence_blob (sha256, size, ref_count, created_at)
						VALUES (:sha256, :size, 1, :now)
						""").param("sha256", blob.sha256()).param("size", blob.size()).param("now", now).update();
				return true;
			}
			catch (DuplicateKeyException ex) {
				// The same bytes uploaded twice at once: the other upload created the row; reference it.
			}
		}
		throw new IllegalStateException("blob row " + blob.sha256() + " neither updatable nor insertable");
	}

	/**
	 * One reference less, locking the row.
	 *
	 * @return the references left
	 */
	int dereference(String sha256) {
		jdbc.sql("UPDATE evidence_blob SET ref_count = ref_count - 1 WHERE sha256 = :sha256")
			.param("sha256", sha256)
			.update();
		return jdbc.sql("SELECT ref_count FROM evidence_blob WHERE sha256 = :sha256")
			.param("sha256", sha256)
			.query(Integer.class)
			.single();
	}

	/** The references to a blob, its row locked; empty when there is no row. */
	Optional<Integer> lockBlob(String sha256) {
		return jdbc.sql("SELECT ref_count FROM evidence_blob WHERE sha256 = :sha256 FOR UPDATE")
			.param("sha256", sha256)
			.query(Integer.class)
			.optional();
	}

	long blobSize(String sha256) {
		return jdbc.sql("SELECT size FROM evidence_blob WHERE sha256 = :sha256")
			.param("sha256", sha256)
			.query(Long.class)
			.single();
	}

	void forgetBlob(String sha256) {
		jdbc.sql("DELETE FROM evidence_blob WHERE sha256 = :sha256 AND ref_count <= 0")
			.param("sha256", sha256)
			.update();
	}

	/** Which of these blobs have a row (referenced, or being stored by an upload that committed). */
	Set<String> blobsWithRows(Collection<String> sha256s) {
		if (sha256s.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.sql("SELECT sha256 FROM evidence_blob WHERE sha256 IN (:hashes)")
			.param("hashes", sha256s)
			.query(String.class)
			.list());
	}

	/**
	 * Takes the row of a blob that has none, with no references, for {@link OrphanBlobSweep}: the inserted row is
	 * locked until the transaction ends, so an upload of the same bytes waits in {@link #reference} (as it waits for
	 * a delete) and, once the sweep's transaction has rolled back, inserts its own row and stores the bytes again.
	 *
	 * @return false if the blob has a row (committed, or inserted by a transaction that then committed)
	 */
	boolean claimOrphan(String sha256, long size, Instant now) {
		try {
			jdbc.sql("""
					INSERT INTO evidence_blob (sha256, size, ref_count, created_at)
					VALUES (:sha256, :size, 0, :now)
					""").param("sha256", sha256).param("size", size).param("now", now).update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	private JdbcClient.StatementSpec owned(String sql, EvidenceOwner owner) {
		return jdbc.sql(sql)
			.param("ownerKey", ownerKey(owner))
			.param("registration", owner.registrationId())
			.param("deployment", owner.deploymentId())
			.param("context", owner.contextId())
			.param("workspace", owner.workspaceId());
	}

	/** The four owner values as one key; lengths are included so no two owners can run together. */
	static String ownerKey(EvidenceOwner owner) {
		String joined = owner.registrationId() + "|" + owner.deploymentId().length() + ":" + owner.deploymentId() + "|"
				+ owner.contextId().length() + ":" + owner.contextId() + "|" + owner.workspaceId().length() + ":"
				+ owner.workspaceId();
		MessageDigest digest = StagingArea.sha256();
		digest.update(joined.getBytes(StandardCharsets.UTF_8));
		return StagingArea.hex(digest);
	}

	private static StoredFile file(ResultSet rs, int row) throws SQLException {
		return new StoredFile(rs.getString("id"),
				new EvidenceOwner(rs.getLong("registration_id"), rs.getString("deployment_id"),
						rs.getString("context_id"), rs.getString("workspace_id")),
				rs.getString("slot_id"), rs.getString("display_name"), rs.getString("media_type"),
				EvidenceKind.valueOf(rs.getString("kind")), rs.getLong("size"), rs.getString("sha256"),
				rs.getString("thumbnail_sha256"), rs.getObject("taken_at", LocalDateTime.class), rs.getInt("width"),
				rs.getInt("height"), rs.getTimestamp("uploaded_at").toInstant());
	}

	/**
	 * A row of {@code evidence_file}: the public {@link EvidenceFile} plus where its thumbnail is.
	 *
	 * @param thumbnailSha256 the thumbnail's blob, null when there is none
	 * @param takenAt null when unknown
	 */
	record StoredFile(String id, EvidenceOwner owner, String slotId, String displayName, String mediaType,
			EvidenceKind kind, long size, String sha256, String thumbnailSha256, LocalDateTime takenAt, int width,
			int height, Instant uploadedAt) {

		EvidenceFile toEvidenceFile() {
			return new EvidenceFile(id, owner, slotId, displayName, mediaType, kind, size, sha256,
					Optional.ofNullable(takenAt), width, height, thumbnailSha256 != null, uploadedAt);
		}

		/**
		 * The blobs the row references, in the order their rows are locked (by hash), so two transactions never wait
		 * for each other in a circle.
		 */
		List<String> blobs() {
			return thumbnailSha256 == null ? List.of(sha256)
					: List.of(sha256, thumbnailSha256).stream().distinct().sorted().toList();
		}
	}
}
