package org.proofwork.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local folder where uploads are written while they are checked, before a store takes them under their hash.
 * A file here is never evidence: whatever a crash (even kill -9) leaves behind is deleted when the next node starts,
 * which is safe because each node stages on its own disk (the filesystem store is for one node; S3 nodes have their
 * own data folders).
 */
final class StagingArea {

	private static final Logger log = LoggerFactory.getLogger(StagingArea.class);

	static final int BUFFER_SIZE = 64 * 1024;

	private final Path directory;

	StagingArea(Path directory) {
		this.directory = directory.toAbsolutePath().normalize();
		cleanUp();
	}

	Path directory() {
		return directory;
	}

	/** A new empty file; the caller deletes it (with {@link #discard}) whatever happens. */
	Path newFile() {
		try {
			Files.createDirectories(directory);
			return Files.createTempFile(directory, "upload-", ".part");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a staging file in " + directory, ex);
		}
	}

	/**
	 * Copies {@code content} into {@code file}, hashing it on the way; at most {@code limit} bytes are read, so an
	 * endless stream cannot fill the disk.
	 *
	 * @throws LimitExceededException after {@code limit} bytes, with the file left for the caller to discard
	 */
	StoredBlob write(InputStream content, Path file, long limit) throws IOException {
		MessageDigest digest = sha256();
		long size = copy(new DigestInputStream(content, digest), file, limit);
		return new StoredBlob(hex(digest), size);
	}

	/**
	 * As {@link #write}, without the hash: for bytes that are never stored as they are (a photo, whose re-encoded
	 * copy is hashed instead). SHA-256 is the costliest step of staging, most of all on a JVM limited to the C1
	 * compiler, which has no SHA intrinsic: about 7 ms of CPU per MB on the build machine instead of under 1 ms.
	 *
	 * @return the number of bytes written
	 * @throws LimitExceededException after {@code limit} bytes, with the file left for the caller to discard
	 */
	long copy(InputStream content, Path file, long limit) throws IOException {
		long size = 0;
		try (OutputStream out = Files.newOutputStream(file)) {
			byte[] buffer = new byte[BUFFER_SIZE];
			int read;
			while ((read = content.read(buffer)) != -1) {
				size += read;
				if (size > limit) {
					throw new LimitExceededException(limit);
				}
				out.write(buffer, 0, read);
			}
		}
		return size;
	}

	/** The hash of a file written here by someone else (the image writers). */
	StoredBlob hash(Path file) throws IOException {
		MessageDigest digest = sha256();
		long size = 0;
		try (InputStream in = Files.newInputStream(file)) {
			byte[] buffer = new byte[BUFFER_SIZE];
			int read;
			while ((read = in.read(buffer)) != -1) {
				digest.update(buffer, 0, read);
				size += read;
			}
		}
		return new StoredBlob(hex(digest), size);
	}

	void discard(Path file) {
		if (file == null) {
			return;
		}
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// Left for the clean-up at the next start; nothing refers to it.
			log.warn("Could not delete staging file {}: {}", file, ex.toString());
		}
	}

	private void cleanUp() {
		if (!Files.isDirectory(directory)) {
			return;
		}
		int deleted = 0;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
			for (Path file : files) {
				if (Files.isRegularFile(file) && Files.deleteIfExists(file)) {
					deleted++;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot clean the evidence staging folder " + directory, ex);
		}
		if (deleted > 0) {
			log.info("Deleted {} unfinished upload(s) left in {} by an earlier run", deleted, directory);
		}
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

	static String hex(MessageDigest digest) {
		return HexFormat.of().formatHex(digest.digest());
	}

	/** More bytes came than the caller allowed. */
	static final class LimitExceededException extends IOException {

		private final long limit;

		LimitExceededException(long limit) {
			super("more than " + limit + " bytes");
			this.limit = limit;
		}

		long limit() {
			return limit;
		}
	}
}
