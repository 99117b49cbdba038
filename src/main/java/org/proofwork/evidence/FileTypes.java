package org.proofwork.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * What a file is, judged only by its bytes: Tika's magic numbers on the first 64 KB, refined where magic alone cannot
 * tell (MP4 from QuickTime by the {@code ftyp} brands; office documents by their zip entries, see
 * {@link OfficeDocuments}). The name and the type the browser sent are never consulted, so a renamed file is what it
 * is. Also the rules every slot shares: which types are never taken, and which kind each type is.
 */
final class FileTypes {

	/** Enough for every magic number Tika knows. */
	static final int HEAD_SIZE = 64 * 1024;

	static final String JPEG = "image/jpeg";

	static final String PNG = "image/png";

	static final String PDF = "application/pdf";

	static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

	static final String PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	static final String ODT = "application/vnd.oasis.opendocument.text";

	static final String ODP = "application/vnd.oasis.opendocument.presentation";

	static final String ODS = "application/vnd.oasis.opendocument.spreadsheet";

	/** Tika's name for a zip with {@code [Content_Types].xml} that is not yet known to be Word, PowerPoint or Excel. */
	static final String OOXML_UNKNOWN = "application/x-tika-ooxml";

	static final String ZIP = "application/zip";

	/** The zip-based office documents whose entries are checked (size, count, macros) and accepted. */
	static final Set<String> OFFICE = Set.of(DOCX, PPTX, XLSX, ODT, ODP, ODS);

	private static final Set<String> DOCUMENTS = Set.of(PDF, DOCX, PPTX, XLSX, ODT, ODP, ODS, "text/plain",
			"text/csv", "application/rtf");

	/**
	 * Never stored, whatever a slot says: these run code when a browser or a computer opens them (web pages, SVG and
	 * other XML, scripts, programs) or hide other files (archives). Subtypes count too (SVG is XML).
	 */
	private static final List<String> FORBIDDEN = List.of("text/html", "application/xhtml+xml", "application/xml",
			"text/xml", "image/svg+xml", "application/javascript", "text/javascript", "application/ecmascript",
			"application/x-elf", "application/x-executable", "application/x-sharedlib", "application/x-msdownload",
			"application/x-dosexec", "application/vnd.microsoft.portable-executable", "application/x-mach-o",
			"application/x-sh", "application/x-shellscript", "application/x-bat", "application/x-msi",
			"application/java-archive", "application/java-vm", "application/x-java-jnlp-file",
			"application/x-shockwave-flash", "application/x-httpd-php", "text/x-php", "text/x-python",
			"text/x-perl", "application/zip", "application/gzip", "application/x-gzip", "application/x-tar",
			"application/x-7z-compressed", "application/x-rar-compressed", "application/vnd.rar",
			"application/x-bzip2", "application/x-xz", "application/zstd", "application/x-iso9660-image",
			"application/x-apple-diskimage", "application/vnd.ms-cab-compressed");

	/** File name extensions Tika lacks or gets wrong for the types people upload. */
	private static final Map<String, String> EXTENSIONS = Map.of("video/quicktime", ".mov", "video/mp4", ".mp4",
			JPEG, ".jpg");

	private static final MimeTypes TIKA = MimeTypes.getDefaultMimeTypes();

	private static final MediaTypeRegistry REGISTRY = TIKA.getMediaTypeRegistry();

	private FileTypes() {
	}

	/** The media type of a file whose first bytes (up to {@link #HEAD_SIZE}) are {@code head}. */
	static String detect(byte[] head, int length) {
		String detected;
		try {
			// No name in the metadata: Tika decides by the bytes alone.
			detected = TIKA.detect(new ByteArrayInputStream(head, 0, length), new Metadata()).getBaseType().toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String isoMedia = isoBaseMedia(head, length);
		if (isoMedia != null) {
			return isoMedia;
		}
		if (length >= 2 && head[0] == '#' && head[1] == '!') {
			// Any script with an interpreter line, whatever language Tika takes it for.
			return "application/x-sh";
		}
		return detected;
	}

	/**
	 * Tika's magic calls every ISO base media file (MP4, QuickTime, HEIC) QuickTime; the {@code ftyp} box's brands
	 * say which it is. Null when the file is not one, or has brands this does not know.
	 */
	static String isoBaseMedia(byte[] head, int length) {
		if (length < 16 || !"ftyp".equals(ascii(head, 4, 4))) {
			return null;
		}
		int boxSize = ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
		String major = ascii(head, 8, 4);
		List<String> brands = new ArrayList<>(List.of(major));
		for (int at = 16; at + 4 <= Math.min(boxSize, length); at += 4) {
			brands.add(ascii(head, at, 4));
		}
		if (major.equals("qt  ")) {
			return "video/quicktime";
		}
		if (brands.stream().anyMatch(Set.of("heic", "heix", "heim", "heis", "hevc", "hevx")::contains)) {
			return "image/heic";
		}
		if (brands.stream().anyMatch(Set.of("avif", "avis")::contains)) {
			return "image/avif";
		}
		if (brands.stream().anyMatch(Set.of("mif1", "msf1")::contains)) {
			return "image/heif";
		}
		if (major.startsWith("M4A") || major.startsWith("M4B") || major.startsWith("M4P")) {
			return "audio/mp4";
		}
		if (major.startsWith("3gp")) {
			return "video/3gpp";
		}
		if (major.startsWith("3g2")) {
			return "video/3gpp2";
		}
		if (major.startsWith("iso") || major.startsWith("mp4") || major.startsWith("M4V") || Set
			.of("avc1", "dash", "MSNV", "mmp4", "XAVC", "f4v ", "mp71", "NDAS", "NDSC", "NDSH", "NDSM", "NDSP", "NDSS",
					"NDXC", "NDXH", "NDXM", "NDXP", "NDXS")
			.contains(major)) {
			return "video/mp4";
		}
		return null;
	}

	private static String ascii(byte[] bytes, int offset, int length) {
		return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
	}

	static boolean isForbidden(String mediaType) {
		if (OFFICE.contains(mediaType)) {
			return false;
		}
		MediaType type = MediaType.parse(mediaType);
		return FORBIDDEN.stream().anyMatch(family -> REGISTRY.isInstanceOf(type, MediaType.parse(family)));
	}

	/** A zip whose entries must be read to know whether it is an office document (or just an archive). */
	static boolean isZipContainer(String mediaType) {
		return REGISTRY.isInstanceOf(MediaType.parse(mediaType), MediaType.APPLICATION_ZIP);
	}

	/**
	 * Whether Proofwork can keep files of this type at all: not forbidden, and a picture only if it can be re-encoded
	 * without its metadata (JPEG, PNG). HEIC, WebP, TIFF and the like would keep their GPS position.
	 */
	static boolean isStorable(String mediaType) {
		if (isForbidden(mediaType)) {
			return false;
		}
		return !mediaType.startsWith("image/") || mediaType.equals(JPEG) || mediaType.equals(PNG);
	}

	static EvidenceKind kind(String mediaType) {
		if (mediaType.equals(JPEG) || mediaType.equals(PNG)) {
			return EvidenceKind.PHOTO;
		}
		if (mediaType.startsWith("video/")) {
			return EvidenceKind.VIDEO;
		}
		if (DOCUMENTS.contains(mediaType)) {
			return EvidenceKind.DOCUMENT;
		}
		return EvidenceKind.OTHER;
	}

	/** The extension a download of this type should have, such as {@code .pdf}; empty when unknown. */
	static String extension(String mediaType) {
		String known = EXTENSIONS.get(mediaType);
		if (known != null) {
			return known;
		}
		try {
			return TIKA.forName(mediaType).getExtension();
		}
		catch (MimeTypeException ex) {
			return "";
		}
	}

	/**
	 * The type's name for people, with its article (such as a PDF document), from
	 * {@code evidence.type.<media type>}; for a type without a text, its media type.
	 */
	static MessageSourceResolvable label(String mediaType) {
		String code = "evidence.type." + mediaType.toLowerCase(Locale.ROOT);
		return new DefaultMessageSourceResolvable(new String[] { code }, "a file of type " + mediaType);
	}

	/** The types as one phrase (A, B or C): message {@code evidence.types.<n>} with each type's label. */
	static MessageSourceResolvable labels(List<String> mediaTypes) {
		Object[] labels = mediaTypes.stream().map(FileTypes::label).toArray();
		return new DefaultMessageSourceResolvable(new String[] { "evidence.types." + labels.length }, labels,
				String.join(", ", mediaTypes));
	}
}
