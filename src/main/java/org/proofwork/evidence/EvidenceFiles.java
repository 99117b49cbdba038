package org.proofwork.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.proofwork.catalog.FileSlot;
import org.proofwork.evidence.EvidenceRecords.StoredFile;
import org.proofwork.evidence.EvidenceRejectedException.Reason;
import org.proofwork.evidence.PhotoDeidentification.DeidentifiedPhoto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Evidence files of a workspace: upload (checked, de-identified, stored), list, find, delete and serve. Every method
 * takes the owner, and a file of another owner is treated exactly like one that does not exist.
 */
@Service
public class EvidenceFiles {

	/** How long a browser may reuse a served file without asking (see {@link #serve}). */
	static final Duration BROWSER_CACHE = Duration.ofHours(1);


	private static final Logger log = LoggerFactory.getLogger(EvidenceFiles.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final int MAX_NAME_LENGTH = 255;

	/** What RFC 8187 lets a {@code filename*} value carry unencoded. */
	private static final String ATTRIBUTE_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
			+ "!#$&+-.^_`|~";

	private final EvidenceSettings settings;

	private final EvidenceStore store;

	private final StagingArea staging;

	private final EvidenceRecords records;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final PhotoDeidentification photos;

	private final OfficeDocuments officeDocuments;

	EvidenceFiles(EvidenceSettings settings, EvidenceStore store, StagingArea staging, EvidenceRecords records,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.settings = settings;
		this.store = store;
		this.staging = staging;
		this.records = records;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.photos = new PhotoDeidentification(staging, settings.maxPhotoPixels(), settings.thumbnailSize());
		this.officeDocuments = new OfficeDocuments(settings.maxUnpackedDocumentSize().toBytes(),
				settings.maxDocumentParts());
	}

	/**
	 * Checks and stores an uploaded file. The content is streamed to a staging file (never held in memory), its type
	 * is decided by its bytes and checked against the slot, its size against the limits; a photo is re-encoded
	 * without metadata and gets a thumbnail; an office document is unpacked (into nothing) to refuse zip bombs and
	 * macros. Then the blob(s) and the row are stored together.
	 *
	 * @param owner whose file it is
	 * @param slot the catalog slot it is uploaded to, whose {@code accept} list it must match
	 * @param originalName the name the uploader's computer gave it, kept for display only
	 * @param content the bytes; read to the end or to the first reason to refuse, not closed
	 * @param declaredLength the size the request declared, or -1; a larger declared size is refused before reading
	 * @return the stored file
	 * @throws EvidenceRejectedException with a message naming the file and the reason; nothing of it is kept
	 * @throws UncheckedIOException if reading the upload or writing storage failed; nothing of it is kept
	 */
	public EvidenceFile upload(EvidenceOwner owner, FileSlot slot, String originalName, InputStream content,
			long declaredLength) {
		String name = displayName(originalName);
		List<String> accepted = slot.accept().stream().filter(FileTypes::isStorable).toList();
		long limit = settings.maxSubmissionSize().toBytes();
		long used = records.bytesUsed(owner);
		long room = Math.max(0, limit - used);
		refuseDeclaredLength(name, accepted, declaredLength, used, room);
		List<Path> staged = new ArrayList<>();
		try {
			byte[] head = content.readNBytes(FileTypes.HEAD_SIZE);
			if (head.length == 0) {
				throw new EvidenceRejectedException(Reason.EMPTY, name, "no bytes");
			}
			String mediaType = FileTypes.detect(head, head.length);
			// A zip is only known to be a Word, PowerPoint or Excel file (or not) once its entries are read.
			boolean container = FileTypes.isZipContainer(mediaType);
			if (!container) {
				requireAccepted(name, mediaType, accepted);
			}
			EvidenceKind kind = container ? EvidenceKind.DOCUMENT : FileTypes.kind(mediaType);
			long maxSize = settings.maxSize(kind);
			Path upload = staging.newFile();
			staged.add(upload);
			InputStream all = new SequenceInputStream(new ByteArrayInputStream(head), content);
			StoredBlob received = null;
			try {
				// A photo's own bytes are never stored, only its re-encoded copy (hashed when it is written).
				if (kind == EvidenceKind.PHOTO) {
					staging.copy(all, upload, Math.min(maxSize, room));
				}
				else {
					received = staging.write(all, upload, Math.min(maxSize, room));
				}
			}
			catch (StagingArea.LimitExceededException ex) {
				throw maxSize <= room ? tooLarge(name, kind, maxSize) : submissionFull(name, limit, used);
			}
			if (container) {
				mediaType = officeDocuments.inspect(upload, name);
				requireAccepted(name, mediaType, accepted);
			}
			if (kind == EvidenceKind.PHOTO) {
				DeidentifiedPhoto photo = photos.deidentify(upload, mediaType, name);
				staged.add(photo.photo());
				staged.add(photo.thumbnail());
				return store(owner, slot, name, mediaType, kind, new Staged(photo.photo(), photo.photoBlob()),
						new Staged(photo.thumbnail(), photo.thumbnailBlob()), photo);
			}
			return store(owner, slot, name, mediaType, kind, new Staged(upload, received), null, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Upload of '" + name + "' failed; nothing was kept", ex);
		}
		finally {
			staged.forEach(staging::discard);
		}
	}

	private void refuseDeclaredLength(String name, List<String> accepted, long declaredLength, long used, long room) {
		if (declaredLength <= 0) {
			return;
		}
		EvidenceKind largest = accepted.stream()
			.map(FileTypes::kind)
			.max(Comparator.comparingLong(settings::maxSize))
			.orElse(EvidenceKind.DOCUMENT);
		if (declaredLength > settings.maxSize(largest)) {
			throw tooLarge(name, largest, settings.maxSize(largest));
		}
		if (declaredLength > room) {
			throw submissionFull(name, settings.maxSubmissionSize().toBytes(), used);
		}
	}

	private static void requireAccepted(String name, String mediaType, List<String> accepted) {
		if (FileTypes.isForbidden(mediaType)) {
			throw new EvidenceRejectedException(Reason.TYPE_FORBIDDEN, name, mediaType, FileTypes.label(mediaType));
		}
		if (!accepted.contains(mediaType)) {
			throw new EvidenceRejectedException(Reason.TYPE_NOT_ACCEPTED, name, mediaType + " not in " + accepted,
					FileTypes.label(mediaType), FileTypes.labels(accepted));
		}
	}

	private static EvidenceRejectedException tooLarge(String name, EvidenceKind kind, long maxSize) {
		return new EvidenceRejectedException(Reason.TOO_LARGE, name, "over " + maxSize + " bytes for " + kind,
				kindLabel(kind), formatSize(maxSize));
	}

	private static EvidenceRejectedException submissionFull(String name, long limit, long used) {
		return new EvidenceRejectedException(Reason.SUBMISSION_FULL, name, used + " of " + limit + " bytes used",
				formatSize(limit), formatSize(used));
	}

	/**
	 * Blob(s) first, then the row, then the usage, in one transaction. A blob row that is new means its bytes go
	 * into the store inside the transaction, under that row's lock, so a concurrent delete of equal bytes cannot
	 * remove them in between. The slow part (the filesystem's fsync, the upload to S3) is done just before, outside
	 * the transaction, so fifty uploads at once do not hold the connection pool; {@code put} inside then finds the
	 * bytes flushed or the object there, or stores them again if a delete removed them meanwhile. If anything
	 * fails, bytes of this upload that nothing references are removed.
	 */
	private EvidenceFile store(EvidenceOwner owner, FileSlot slot, String name, String mediaType, EvidenceKind kind,
			Staged file, Staged thumbnail, DeidentifiedPhoto photo) {
		Instant now = clock.instant();
		LocalDateTime takenAt = photo == null ? null : photo.takenAt().orElse(null);
		StoredFile row = new StoredFile(newId(), owner, slot.id(), name, mediaType, kind, file.blob().size(),
				file.blob().sha256(), thumbnail == null ? null : thumbnail.blob().sha256(), takenAt,
				photo == null ? 0 : photo.width(), photo == null ? 0 : photo.height(), now);
		List<Staged> blobs = new ArrayList<>(List.of(file));
		if (thumbnail != null && !thumbnail.blob().sha256().equals(file.blob().sha256())) {
			blobs.add(thumbnail);
		}
		blobs.sort(Comparator.comparing(staged -> staged.blob().sha256()));
		List<String> storedHere = new ArrayList<>();
		try {
			// Outside the transaction: the fsync (filesystem) or the upload (S3) takes no pooled connection.
			for (Staged blob : blobs) {
				storedHere.add(blob.blob().sha256());
				store.prepare(blob.file(), blob.blob().sha256());
			}
		}
		catch (IOException ex) {
			storedHere.forEach(this::deleteIfUnreferenced);
			throw new UncheckedIOException(ex);
		}
		try {
			transactions.executeWithoutResult(status -> {
				for (Staged blob : blobs) {
					if (records.reference(blob.blob(), now)) {
						put(blob);
					}
				}
				records.insert(row);
				long limit = settings.maxSubmissionSize().toBytes();
				if (!records.use(owner, row.size(), limit)) {
					throw submissionFull(name, limit, records.bytesUsed(owner));
				}
			});
		}
		catch (RuntimeException ex) {
			storedHere.forEach(this::deleteIfUnreferenced);
			throw ex;
		}
		log.info("Stored evidence {} ({}, {} bytes) for workspace {}", row.id(), mediaType, row.size(),
				owner.workspaceId());
		return row.toEvidenceFile();
	}

	private void put(Staged blob) {
		try {
			store.put(blob.file(), blob.blob().sha256());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void deleteIfUnreferenced(String sha256) {
		try {
			transactions.executeWithoutResult(status -> {
				Optional<Integer> references = records.lockBlob(sha256);
				if (references.isEmpty() || references.get() <= 0) {
					deleteBlob(sha256);
					records.forgetBlob(sha256);
				}
			});
		}
		catch (RuntimeException ex) {
			// Unreferenced bytes waste space but are never served; a later upload of the same bytes reuses them, or
			// OrphanBlobSweep deletes them after proofwork.evidence.orphan-grace.
			log.warn("Could not remove unreferenced evidence blob {}: {}", sha256, ex.toString());
		}
	}

	private void deleteBlob(String sha256) {
		try {
			store.delete(sha256);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The owner's files, oldest first. */
	public List<EvidenceFile> list(EvidenceOwner owner) {
		return records.list(owner).stream().map(StoredFile::toEvidenceFile).toList();
	}

	public Optional<EvidenceFile> find(EvidenceOwner owner, String fileId) {
		return records.find(owner, fileId).map(StoredFile::toEvidenceFile);
	}

	/** The bytes the owner's files take (counted against {@code proofwork.evidence.max-submission-size}). */
	public long bytesUsed(EvidenceOwner owner) {
		return records.bytesUsed(owner);
	}

	/**
	 * Removes the owner's file; its bytes go too unless another file has the same.
	 *
	 * @throws EvidenceNotFoundException if the owner has no such file
	 */
	public void delete(EvidenceOwner owner, String fileId) {
		transactions.executeWithoutResult(status -> {
			StoredFile file = records.lock(owner, fileId).orElseThrow(() -> new EvidenceNotFoundException(fileId));
			List<String> unreferenced = new ArrayList<>();
			for (String sha256 : file.blobs()) {
				if (records.dereference(sha256) <= 0) {
					unreferenced.add(sha256);
				}
			}
			records.delete(file);
			records.release(owner, file.size());
			for (String sha256 : unreferenced) {
				records.forgetBlob(sha256);
				// Inside the transaction, under the blob row's lock: an upload of the same bytes waits, then finds
				// no row and stores them again.
				deleteBlob(sha256);
			}
		});
		log.info("Deleted evidence {} of workspace {}", fileId, owner.workspaceId());
	}

	/**
	 * The file (or its thumbnail) as an HTTP response, for a controller that has checked the viewer may see the
	 * owner's files.
	 *
	 * @param thumbnail the photo's thumbnail instead of the file
	 * @param inline to show it in the browser; honoured only for photos, PDF and video, everything else is a download
	 * @return the response: 200 with the bytes streamed from the store
	 * @throws EvidenceNotFoundException if the owner has no such file (or it has no thumbnail)
	 */
	public ResponseEntity<StreamingResponseBody> serve(EvidenceOwner owner, String fileId, boolean thumbnail,
			boolean inline) {
		return serve(owner, fileId, thumbnail, inline, null);
	}

	/**
	 * As {@link #serve(EvidenceOwner, String, boolean, boolean)}, answering a single byte range (the request's
	 * {@code Range} header) with 206, which browsers need to seek in and, on Safari, to play videos.
	 *
	 * @param rangeHeader the request's {@code Range} header, or null for the whole file
	 */
	public ResponseEntity<StreamingResponseBody> serve(EvidenceOwner owner, String fileId, boolean thumbnail,
			boolean inline, String rangeHeader) {
		StoredFile file = records.find(owner, fileId).orElseThrow(() -> new EvidenceNotFoundException(fileId));
		if (thumbnail && file.thumbnailSha256() == null) {
			throw new EvidenceNotFoundException(fileId + " thumbnail");
		}
		String sha256 = thumbnail ? file.thumbnailSha256() : file.sha256();
		String mediaType = thumbnail ? FileTypes.JPEG : file.mediaType();
		long size = thumbnail ? records.blobSize(sha256) : file.size();
		boolean showInline = inline && (thumbnail || inlineable(mediaType));

		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.parseMediaType(mediaType));
		headers.set("X-Content-Type-Options", "nosniff");
		// A file id's bytes never change, so a reviewer's browser may keep them for an hour instead of asking again
		// for 20 thumbnails on every page view; private, so no shared cache keeps them, and not longer, since
		// evidence (photos of families) should not outlive a working session on a shared school computer.
		headers.setCacheControl(CacheControl.maxAge(BROWSER_CACHE).cachePrivate());
		headers.set(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(showInline,
				downloadName(thumbnail ? thumbnailName(file.displayName()) : file.displayName(), mediaType)));
		// Whatever a file contains, it never runs as a page of this tool's origin (PDFs can carry JavaScript).
		headers.set("Content-Security-Policy", "sandbox");
		headers.setETag("\"" + sha256 + "\"");
		headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");

		HttpRange range = singleRange(rangeHeader);
		if (range != null) {
			long start = -1;
			long end = -1;
			try {
				start = range.getRangeStart(size);
				end = range.getRangeEnd(size);
			}
			catch (IllegalArgumentException ex) {
				// Reported below as not satisfiable.
			}
			if (start < 0 || start >= size || end < start) {
				headers.set(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
				return new ResponseEntity<>(headers, HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
			}
			long length = end - start + 1;
			headers.set(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + size);
			headers.setContentLength(length);
			long from = start;
			return new ResponseEntity<>(out -> copy(store.open(sha256, from, length), out), headers,
					HttpStatus.PARTIAL_CONTENT);
		}
		headers.setContentLength(size);
		return new ResponseEntity<>(out -> copy(store.open(sha256), out), headers, HttpStatus.OK);
	}

	private static HttpRange singleRange(String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			List<HttpRange> ranges = HttpRange.parseRanges(header);
			// Several ranges would need a multipart answer; the whole file is a valid answer to them.
			return ranges.size() == 1 ? ranges.get(0) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static void copy(InputStream blob, OutputStream out) throws IOException {
		try (InputStream in = blob) {
			byte[] buffer = new byte[StagingArea.BUFFER_SIZE];
			int read;
			while ((read = in.read(buffer)) != -1) {
				out.write(buffer, 0, read);
			}
		}
	}

	private static boolean inlineable(String mediaType) {
		return mediaType.equals(FileTypes.JPEG) || mediaType.equals(FileTypes.PNG) || mediaType.equals(FileTypes.PDF)
				|| mediaType.startsWith("video/");
	}

	/**
	 * RFC 6266: a quoted ASCII name for old clients and the exact name in RFC 8187 encoding for the rest; neither
	 * can carry a quote, a line break or a path.
	 */
	static String contentDisposition(boolean inline, String fileName) {
		StringBuilder ascii = new StringBuilder();
		for (char c : fileName.toCharArray()) {
			ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? c : '_');
		}
		StringBuilder encoded = new StringBuilder();
		for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xff);
			if (ATTRIBUTE_CHARACTERS.indexOf(c) >= 0) {
				encoded.append(c);
			}
			else {
				encoded.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
			}
		}
		return (inline ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
	}

	/**
	 * The name a download gets: the display name without characters file systems refuse, ending in the extension of
	 * the type the bytes are (a JPEG uploaded as {@code report.pdf} downloads as {@code report.jpg}), so the
	 * computer opens it with the right program.
	 */
	static String downloadName(String displayName, String mediaType) {
		String name = displayName.replaceAll("[\\\\/:*?\"<>|]", "_").strip();
		int dot = name.lastIndexOf('.');
		String base = (dot > 0 ? name.substring(0, dot) : name).replaceAll("^[.\\s]+|[.\\s]+$", "");
		if (base.isEmpty()) {
			base = "evidence";
		}
		if (base.length() > 100) {
			base = base.substring(0, 100);
		}
		return base + FileTypes.extension(mediaType);
	}

	private static String thumbnailName(String displayName) {
		int dot = displayName.lastIndexOf('.');
		return (dot > 0 ? displayName.substring(0, dot) : displayName) + "-thumbnail";
	}

	/**
	 * The uploader's name for the file, made safe to show: no folders (some browsers send a full path), no control
	 * or bidirectional-override characters (which can make {@code gpj.exe} read as {@code exe.jpg}), at most 255
	 * characters.
	 */
	static String displayName(String originalName) {
		String name = originalName == null ? "" : originalName;
		name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		StringBuilder clean = new StringBuilder();
		name.codePoints()
			.filter(c -> !Character.isISOControl(c) && !(c >= 0x202A && c <= 0x202E) && !(c >= 0x2066 && c <= 0x2069)
					&& c != 0x200E && c != 0x200F)
			.forEach(clean::appendCodePoint);
		name = clean.toString().strip();
		if (name.length() > MAX_NAME_LENGTH) {
			int dot = name.lastIndexOf('.');
			String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
			name = name.substring(0, MAX_NAME_LENGTH - extension.length()) + extension;
		}
		return name.isEmpty() ? "file" : name;
	}

	private static MessageSourceResolvable kindLabel(EvidenceKind kind) {
		return new DefaultMessageSourceResolvable(new String[] { "evidence.kind." + kind.name() },
				kind.name().toLowerCase(Locale.ROOT));
	}

	/** Sizes as people read them, such as 25 MB, 1 GB or 1.5 GB (binary units, as Spring's {@code DataSize}). */
	static String formatSize(long bytes) {
		String[] units = { "bytes", "KB", "MB", "GB", "TB" };
		double value = bytes;
		int unit = 0;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		String number = String.format(Locale.ROOT, "%.1f", value);
		return (number.endsWith(".0") ? number.substring(0, number.length() - 2) : number) + " " + units[unit];
	}

	private static String newId() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** A staging file and the hash it will be stored under. */
	private record Staged(Path file, StoredBlob blob) {
	}
}
