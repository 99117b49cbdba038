package org.proofwork.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where evidence bytes live, named by their SHA-256 so equal files are stored once. A blob is either complete under
 * its hash or absent: no reader ever sees a partly written one. Implementations stream; none holds a whole file in
 * memory.
 */
public interface EvidenceStore {

	/** Stores {@code content} (read to its end, not closed) under its hash. */
	StoredBlob put(InputStream content) throws IOException;

	/**
	 * Takes a file written to the staging area and stores it under {@code sha256}, which the caller computed while
	 * writing it. The staged file is gone afterwards, whether it was moved, uploaded or not needed (equal bytes
	 * were already stored). A store that copies the bytes elsewhere verifies the hash on the way and refuses a
	 * mismatch, storing nothing.
	 */
	StoredBlob put(Path stagedFile, String sha256) throws IOException;

	/**
	 * Slow work on a staged file that needs no lock: called before the database transaction in which {@link #put}
	 * runs, so that transaction does not hold its pooled connection through it (fifty uploads at once each holding
	 * one through a 12 MB {@code fsync} exhausted the pool of ten). Optional: {@link #put} is complete without it,
	 * and must still make sure the blob is there (a concurrent delete of equal bytes may remove what this stored).
	 * The staged file stays where it is.
	 */
	default void prepare(Path stagedFile, String sha256) throws IOException {
	}

	/**
	 * The bytes stored under {@code sha256}, streamed; the caller closes the stream.
	 *
	 * @throws NoSuchFileException if nothing is stored under that hash
	 */
	InputStream open(String sha256) throws IOException;

	/**
	 * {@code length} bytes from {@code offset} (for HTTP range requests, which video players make).
	 *
	 * @throws NoSuchFileException if nothing is stored under that hash
	 */
	default InputStream open(String sha256, long offset, long length) throws IOException {
		InputStream in = open(sha256);
		try {
			in.skipNBytes(offset);
		}
		catch (IOException | RuntimeException ex) {
			in.close();
			throw ex;
		}
		return new BoundedInputStream(in, length);
	}

	boolean exists(String sha256) throws IOException;

	/** Removes the blob; nothing happens if there is none. */
	void delete(String sha256) throws IOException;

	/**
	 * Every blob in the store, read lazily (a page of S3 keys, a folder of files at a time) so a store of any size
	 * is listed in little memory. Only names that are a SHA-256 are listed: staging files, partly copied files and
	 * other objects under the key prefix are not blobs. The caller closes the stream. Used by
	 * {@link OrphanBlobSweep} to find blobs no row references.
	 */
	Stream<ListedBlob> list() throws IOException;

	/** When the blob was last written, or empty if there is none (the sweep's check just before it deletes). */
	Optional<Instant> lastModified(String sha256) throws IOException;

	/**
	 * A blob as {@link #list()} finds it.
	 *
	 * @param lastModified when its bytes were last written into the store (the file's modification time, the
	 * object's {@code Last-Modified})
	 */
	record ListedBlob(String sha256, long size, Instant lastModified) {
	}
}
