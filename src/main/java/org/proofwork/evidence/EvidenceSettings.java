package org.proofwork.evidence;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where evidence files are kept and what uploads may be.
 *
 * @param store where file contents go: {@code filesystem} (under {@code <data-dir>/evidence}, for one node) or
 * {@code s3} (an S3-compatible bucket every node shares, see {@code proofwork.evidence.s3.*})
 * @param maxPhotoSize the largest photo (JPEG or PNG) accepted, as uploaded
 * @param maxDocumentSize the largest PDF or office document accepted (also the limit for any other type a slot
 * accepts)
 * @param maxVideoSize the largest video accepted
 * @param maxSubmissionSize the most all files of one workspace may take together (stored sizes)
 * @param maxUnpackedDocumentSize the most an office document (docx, pptx, xlsx, odt, odp, ods) may unpack to; far
 * above real documents, it stops zip bombs before anything opens them
 * @param maxDocumentParts the most entries an office document's zip may have
 * @param maxPhotoMegapixels the most pixels (in millions) a photo may have; decoding takes about 4 bytes of heap per
 * pixel (twice that when it must be rotated), and at most two photos are decoded at once
 * @param thumbnailSize the longest side, in pixels, of the thumbnail made for each photo
 * @param orphanGrace how old a blob without an {@code evidence_blob} row must be before {@link OrphanBlobSweep}
 * deletes it (a node killed mid-upload leaves one); far longer than any upload takes, so the sweep leaves the bytes
 * of uploads in progress alone (deleting them would be safe, only slower: the upload stores them again)
 * @param s3 the bucket used when {@code store} is {@code s3}
 */
@ConfigurationProperties("proofwork.evidence")
record EvidenceSettings(@DefaultValue("filesystem") StoreType store, @DefaultValue("25MB") DataSize maxPhotoSize,
		@DefaultValue("25MB") DataSize maxDocumentSize, @DefaultValue("500MB") DataSize maxVideoSize,
		@DefaultValue("1GB") DataSize maxSubmissionSize, @DefaultValue("200MB") DataSize maxUnpackedDocumentSize,
		@DefaultValue("10000") int maxDocumentParts, @DefaultValue("50") int maxPhotoMegapixels,
		@DefaultValue("320") int thumbnailSize, @DefaultValue("PT24H") Duration orphanGrace, @DefaultValue S3 s3) {

	EvidenceSettings {
		if (maxPhotoMegapixels < 1 || thumbnailSize < 16 || maxDocumentParts < 1) {
			throw new IllegalArgumentException("proofwork.evidence: max-photo-megapixels and max-document-parts "
					+ "must be positive and thumbnail-size at least 16");
		}
		if (orphanGrace.compareTo(Duration.ofMinutes(10)) < 0) {
			throw new IllegalArgumentException("proofwork.evidence.orphan-grace must be at least PT10M: a blob that "
					+ "young may belong to an upload still in progress");
		}
	}

	/** The most a file of this kind may be. */
	long maxSize(EvidenceKind kind) {
		return switch (kind) {
			case PHOTO -> maxPhotoSize.toBytes();
			case VIDEO -> maxVideoSize.toBytes();
			case DOCUMENT, OTHER -> maxDocumentSize.toBytes();
		};
	}

	long maxPhotoPixels() {
		return maxPhotoMegapixels * 1_000_000L;
	}

	enum StoreType {
		FILESYSTEM, S3
	}

	/**
	 * An S3-compatible bucket (AWS S3, MinIO, Ceph, Garage...).
	 *
	 * @param bucket the bucket's name; it must exist
	 * @param endpoint the service URL for a non-AWS service, such as {@code http://minio:9000}; none for AWS
	 * @param region the region to sign requests for
	 * @param pathStyleAccess address the bucket as {@code endpoint/bucket} instead of {@code bucket.endpoint} (most
	 * self-hosted services want this)
	 * @param accessKeyId the access key; none to use the AWS default chain (environment, profile, instance role)
	 * @param secretAccessKey the secret of {@code access-key-id}
	 * @param keyPrefix put before each object's SHA-256 to make its key
	 * @param partSize objects larger than this are uploaded in parts of this size (at least 5MB, the S3 minimum),
	 * each streamed from the local staging file
	 */
	record S3(String bucket, URI endpoint, @DefaultValue("us-east-1") String region,
			@DefaultValue("false") boolean pathStyleAccess, String accessKeyId, String secretAccessKey,
			@DefaultValue("evidence/") String keyPrefix, @DefaultValue("16MB") DataSize partSize) {

		S3 {
			if (partSize.toBytes() < DataSize.ofMegabytes(5).toBytes()) {
				throw new IllegalArgumentException("proofwork.evidence.s3.part-size must be at least 5MB");
			}
		}
	}
}
