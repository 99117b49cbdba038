package org.proofwork.evidence;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Blobs as objects {@code <key-prefix><sha256>} in an S3-compatible bucket, so every node sees every file. Objects
 * larger than one part go up as a multipart upload, each part streamed from the staged file (nothing is held in
 * memory) and hashed first; the upload is completed only if the whole file hashes to the name it is stored under,
 * and aborted otherwise, so a blob is never visible under a wrong or partial name. Smaller objects go up in one
 * request carrying their SHA-256, which S3 checks itself.
 */
final class S3EvidenceStore implements EvidenceStore, Closeable {

	private static final Logger log = LoggerFactory.getLogger(S3EvidenceStore.class);

	private final S3Client s3;

	private final String bucket;

	private final String keyPrefix;

	private final long partSize;

	private final StagingArea staging;

	S3EvidenceStore(S3Client s3, String bucket, String keyPrefix, long partSize, StagingArea staging) {
		this.s3 = s3;
		this.bucket = bucket;
		this.keyPrefix = keyPrefix == null ? "" : keyPrefix;
		this.partSize = partSize;
		this.staging = staging;
	}

	static S3EvidenceStore create(EvidenceSettings.S3 settings, StagingArea staging) {
		if (settings.bucket() == null || settings.bucket().isBlank()) {
			throw new IllegalStateException(
					"proofwork.evidence.store=s3 needs proofwork.evidence.s3.bucket (and usually endpoint and keys)");
		}
		S3ClientBuilder builder = S3Client.builder()
			.region(Region.of(settings.region()))
			.forcePathStyle(settings.pathStyleAccess())
			.credentialsProvider(credentials(settings))
			// Many S3-compatible services reject the SDK's default trailing CRC checksums; the SHA-256 this store
			// sends and checks itself is stronger anyway.
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
		if (settings.endpoint() != null) {
			builder.endpointOverride(settings.endpoint());
		}
		return new S3EvidenceStore(builder.build(), settings.bucket(), settings.keyPrefix(),
				settings.partSize().toBytes(), staging);
	}

	private static AwsCredentialsProvider credentials(EvidenceSettings.S3 settings) {
		if (settings.accessKeyId() == null || settings.accessKeyId().isBlank()) {
			return DefaultCredentialsProvider.builder().build();
		}
		return StaticCredentialsProvider
			.create(AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
	}

	@Override
	public StoredBlob put(InputStream content) throws IOException {
		Path staged = staging.newFile();
		try {
			StoredBlob blob = staging.write(content, staged, Long.MAX_VALUE);
			return put(staged, blob.sha256());
		}
		finally {
			staging.discard(staged);
		}
	}

	@Override
	public StoredBlob put(Path stagedFile, String sha256) throws IOException {
		try {
			return new StoredBlob(sha256, upload(stagedFile, sha256));
		}
		finally {
			Files.deleteIfExists(stagedFile);
		}
	}

	/**
	 * Uploads the object before the upload's database transaction, which then only finds it there (one HEAD
	 * request): a transaction must not hold its pooled connection through the upload of a 500 MB video. If equal
	 * bytes are deleted in between, {@link #put} in the transaction uploads them again.
	 */
	@Override
	public void prepare(Path stagedFile, String sha256) throws IOException {
		upload(stagedFile, sha256);
	}

	/** Uploads the staged file unless the object is there already; its size. */
	private long upload(Path stagedFile, String sha256) throws IOException {
		String key = key(sha256);
		try {
			long size = Files.size(stagedFile);
			if (!exists(sha256)) {
				if (size <= partSize) {
					putWhole(stagedFile, sha256, key, size);
				}
				else {
					putInParts(stagedFile, sha256, key, size);
				}
			}
			return size;
		}
		catch (SdkException ex) {
			throw new IOException("S3 upload of " + key + " to bucket " + bucket + " failed", ex);
		}
	}

	private void putWhole(Path stagedFile, String sha256, String key, long size) throws IOException {
		MessageDigest digest = StagingArea.sha256();
		try (FileRegion region = new FileRegion(stagedFile, 0, size)) {
			region.hashInto(digest);
		}
		requireHash(digest, sha256, key);
		s3.putObject(request -> request.bucket(bucket)
			.key(key)
			.contentLength(size)
			.contentType("application/octet-stream")
			.checksumSHA256(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256))),
				RequestBody.fromFile(stagedFile));
	}

	private void putInParts(Path stagedFile, String sha256, String key, long size) throws IOException {
		String uploadId = s3
			.createMultipartUpload(request -> request.bucket(bucket).key(key).contentType("application/octet-stream"))
			.uploadId();
		boolean completed = false;
		try {
			MessageDigest digest = StagingArea.sha256();
			List<CompletedPart> parts = new ArrayList<>();
			int number = 1;
			for (long offset = 0; offset < size; offset += partSize, number++) {
				long length = Math.min(partSize, size - offset);
				try (FileRegion region = new FileRegion(stagedFile, offset, length)) {
					region.hashInto(digest);
					int partNumber = number;
					String eTag = s3
						.uploadPart(request -> request.bucket(bucket)
							.key(key)
							.uploadId(uploadId)
							.partNumber(partNumber)
							.contentLength(length), RequestBody.fromContentProvider(region, length,
									"application/octet-stream"))
						.eTag();
					parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
				}
			}
			requireHash(digest, sha256, key);
			s3.completeMultipartUpload(request -> request.bucket(bucket)
				.key(key)
				.uploadId(uploadId)
				.multipartUpload(upload -> upload.parts(parts)));
			completed = true;
		}
		finally {
			if (!completed) {
				abort(key, uploadId);
			}
		}
	}

	private void abort(String key, String uploadId) {
		try {
			s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
		}
		catch (SdkException ex) {
			// The bucket's lifecycle rule for incomplete uploads removes it; it is invisible meanwhile.
			log.warn("Could not abort multipart upload {} of {}: {}", uploadId, key, ex.toString());
		}
	}

	private static void requireHash(MessageDigest digest, String sha256, String key) throws IOException {
		String actual = StagingArea.hex(digest);
		if (!actual.equals(sha256)) {
			throw new IOException("staged file for " + key + " hashes to " + actual + ", not its name; not stored");
		}
	}

	@Override
	public InputStream open(String sha256) throws IOException {
		return get(sha256, null);
	}

	@Override
	public InputStream open(String sha256, long offset, long length) throws IOException {
		if (length <= 0) {
			return InputStream.nullInputStream();
		}
		return get(sha256, "bytes=" + offset + "-" + (offset + length - 1));
	}

	private InputStream get(String sha256, String range) throws IOException {
		String key = key(sha256);
		try {
			return s3.getObject(request -> request.bucket(bucket).key(key).range(range));
		}
		catch (NoSuchKeyException ex) {
			throw new NoSuchFileException(key);
		}
		catch (SdkException ex) {
			throw new IOException("S3 read of " + key + " from bucket " + bucket + " failed", ex);
		}
	}

	@Override
	public boolean exists(String sha256) throws IOException {
		String key = key(sha256);
		try {
			s3.headObject(request -> request.bucket(bucket).key(key));
			return true;
		}
		catch (NoSuchKeyException ex) {
			return false;
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				return false;
			}
			throw new IOException("S3 lookup of " + key + " in bucket " + bucket + " failed", ex);
		}
		catch (SdkException ex) {
			throw new IOException("S3 lookup of " + key + " in bucket " + bucket + " failed", ex);
		}
	}

	@Override
	public void delete(String sha256) throws IOException {
		String key = key(sha256);
		try {
			s3.deleteObject(request -> request.bucket(bucket).key(key));
		}
		catch (SdkException ex) {
			throw new IOException("S3 delete of " + key + " in bucket " + bucket + " failed", ex);
		}
	}

	/**
	 * ListObjectsV2 under the key prefix, a page (up to 1,000 keys) fetched as the stream reaches it. Keys that are
	 * not the prefix followed by a SHA-256 are not this store's blobs and are left out, so a bucket shared with
	 * other data (or a prefix of {@code ""}) never offers them to the sweep.
	 */
	@Override
	public Stream<ListedBlob> list() throws IOException {
		return list(1000);
	}

	/** As {@link #list()}, {@code pageSize} keys per request (S3's most, and default, is 1,000). */
	Stream<ListedBlob> list(int pageSize) throws IOException {
		try {
			return s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(keyPrefix).maxKeys(pageSize))
				.contents()
				.stream()
				.filter(object -> object.key().length() == keyPrefix.length() + 64
						&& StoredBlob.isHash(object.key().substring(keyPrefix.length())))
				.map(object -> new ListedBlob(object.key().substring(keyPrefix.length()), object.size(),
						object.lastModified()));
		}
		catch (SdkException ex) {
			throw new IOException("S3 listing of bucket " + bucket + " under '" + keyPrefix + "' failed", ex);
		}
	}

	@Override
	public Optional<Instant> lastModified(String sha256) throws IOException {
		String key = key(sha256);
		try {
			return Optional.of(s3.headObject(request -> request.bucket(bucket).key(key)).lastModified());
		}
		catch (NoSuchKeyException ex) {
			return Optional.empty();
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404) {
				return Optional.empty();
			}
			throw new IOException("S3 lookup of " + key + " in bucket " + bucket + " failed", ex);
		}
		catch (SdkException ex) {
			throw new IOException("S3 lookup of " + key + " in bucket " + bucket + " failed", ex);
		}
	}

	String key(String sha256) {
		return keyPrefix + StoredBlob.requireHash(sha256);
	}

	@Override
	public void close() {
		s3.close();
	}

	/**
	 * A slice of the staged file, streamed from disk as often as the SDK asks (it re-reads a part to retry it), so a
	 * part is never copied into memory.
	 */
	private static final class FileRegion implements ContentStreamProvider, Closeable {

		private final Path file;

		private final long offset;

		private final long length;

		private InputStream current;

		FileRegion(Path file, long offset, long length) {
			this.file = file;
			this.offset = offset;
			this.length = length;
		}

		@Override
		public InputStream newStream() {
			try {
				close();
				FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
				channel.position(offset);
				current = new BoundedInputStream(Channels.newInputStream(channel), length);
				return current;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		void hashInto(MessageDigest digest) throws IOException {
			try (InputStream in = newStream()) {
				byte[] buffer = new byte[StagingArea.BUFFER_SIZE];
				int read;
				while ((read = in.read(buffer)) != -1) {
					digest.update(buffer, 0, read);
				}
			}
			current = null;
		}

		@Override
		public void close() throws IOException {
			if (current != null) {
				current.close();
				current = null;
			}
		}
	}
}
