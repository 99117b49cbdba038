package org.proofwork.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Blobs as files under {@code <data-dir>/evidence/ab/cd/<sha256>} (two levels of folders so none grows huge). A blob
 * appears under its hash only by an atomic rename of a complete, flushed staging file, so a crash at any moment
 * leaves a whole blob or none, plus at most a staging file that the next start deletes. For one node, or several
 * sharing one POSIX filesystem; use the S3 store for several nodes.
 */
final class FileSystemEvidenceStore implements EvidenceStore {

	private final Path root;

	private final StagingArea staging;

	FileSystemEvidenceStore(Path root, StagingArea staging) {
		this.root = root.toAbsolutePath().normalize();
		this.staging = staging;
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
		Path target = path(sha256);
		try {
			if (Files.exists(target)) {
				return new StoredBlob(sha256, Files.size(target));
			}
			Files.createDirectories(target.getParent());
			// The bytes must be on disk before the name is, or a power cut could leave a short file under the hash.
			// (Quick when prepare() flushed them already.)
			flush(stagedFile);
			move(stagedFile, target);
			return new StoredBlob(sha256, Files.size(target));
		}
		finally {
			Files.deleteIfExists(stagedFile);
		}
	}

	/** Flushes the staged bytes to disk, outside the upload's transaction; {@link #put} then has little to flush. */
	@Override
	public void prepare(Path stagedFile, String sha256) throws IOException {
		flush(stagedFile);
	}

	private static void flush(Path file) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			channel.force(true);
		}
	}

	private void move(Path stagedFile, Path target) throws IOException {
		try {
			// Replacing an equal blob a concurrent upload just moved in is harmless: same name, same bytes.
			Files.move(stagedFile, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			// Staged on another filesystem (a test, or a moved data folder): copy next to the target first, so the
			// final step is still an atomic rename.
			Path sibling = Files.createTempFile(target.getParent(), ".incoming-", ".part");
			try {
				Files.copy(stagedFile, sibling, StandardCopyOption.REPLACE_EXISTING);
				try (FileChannel channel = FileChannel.open(sibling, StandardOpenOption.WRITE)) {
					channel.force(true);
				}
				Files.move(sibling, target, StandardCopyOption.ATOMIC_MOVE);
			}
			finally {
				Files.deleteIfExists(sibling);
			}
		}
	}

	@Override
	public InputStream open(String sha256) throws IOException {
		return Files.newInputStream(path(sha256));
	}

	@Override
	public InputStream open(String sha256, long offset, long length) throws IOException {
		SeekableByteChannel channel = Files.newByteChannel(path(sha256));
		try {
			channel.position(offset);
		}
		catch (IOException ex) {
			channel.close();
			throw ex;
		}
		return new BoundedInputStream(Channels.newInputStream(channel), length);
	}

	@Override
	public boolean exists(String sha256) {
		return Files.isRegularFile(path(sha256));
	}

	@Override
	public void delete(String sha256) throws IOException {
		Files.deleteIfExists(path(sha256));
	}

	/** Walks {@code ab/cd/<sha256>} three levels deep; the staging folder and {@code .incoming-} files are skipped. */
	@Override
	public Stream<ListedBlob> list() throws IOException {
		if (!Files.isDirectory(root)) {
			return Stream.empty();
		}
		return Files.walk(root, 3)
			.filter(file -> root.relativize(file).getNameCount() == 3 && isBlobPath(file))
			.map(this::listed)
			.flatMap(Optional::stream);
	}

	private static boolean isBlobPath(Path file) {
		String name = file.getFileName().toString();
		return StoredBlob.isHash(name) && file.getParent().getFileName().toString().equals(name.substring(2, 4))
				&& file.getParent().getParent().getFileName().toString().equals(name.substring(0, 2));
	}

	/** Empty if the file went (a delete) between the walk and this look. */
	private Optional<ListedBlob> listed(Path file) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			if (!attributes.isRegularFile()) {
				return Optional.empty();
			}
			return Optional.of(new ListedBlob(file.getFileName().toString(), attributes.size(),
					attributes.lastModifiedTime().toInstant()));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public Optional<Instant> lastModified(String sha256) throws IOException {
		try {
			return Optional.of(Files.getLastModifiedTime(path(sha256)).toInstant());
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
	}

	Path path(String sha256) {
		StoredBlob.requireHash(sha256);
		return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
	}
}
