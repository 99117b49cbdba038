package org.proofwork.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Looks inside a zip-based office document before anyone opens it: every entry is inflated (into nothing) with a cap
 * on the total and on the number of entries, so a zip bomb is refused after reading at most the cap, never expanded
 * in memory or on disk. The entries also say what the document is (Word, PowerPoint, Excel, OpenDocument) and
 * whether it carries macros.
 */
final class OfficeDocuments {

	private final long maxUnpackedSize;

	private final int maxParts;

	OfficeDocuments(long maxUnpackedSize, int maxParts) {
		this.maxUnpackedSize = maxUnpackedSize;
		this.maxParts = maxParts;
	}

	/**
	 * The document's type: one of {@link FileTypes#OFFICE}, {@link FileTypes#OOXML_UNKNOWN} for another Open XML
	 * package, another OpenDocument type, or {@link FileTypes#ZIP} for a plain archive.
	 *
	 * @throws EvidenceRejectedException if it unpacks to too much, has too many parts, carries macros or is not a
	 * readable zip
	 */
	String inspect(Path file, String fileName) {
		try (ZipFile zip = new ZipFile(file.toFile())) {
			if (zip.size() > maxParts) {
				throw new EvidenceRejectedException(EvidenceRejectedException.Reason.TOO_MANY_PARTS, fileName,
						zip.size() + " entries", maxParts);
			}
			Contents contents = new Contents();
			long unpacked = 0;
			int parts = 0;
			byte[] buffer = new byte[StagingArea.BUFFER_SIZE];
			Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				if (++parts > maxParts) {
					throw new EvidenceRejectedException(EvidenceRejectedException.Reason.TOO_MANY_PARTS, fileName,
							"more than " + maxParts + " entries", maxParts);
				}
				contents.note(entry.getName());
				try (InputStream in = zip.getInputStream(entry)) {
					int read;
					boolean first = true;
					// The declared sizes are not trusted: an attacker writes what they like there.
					while ((read = in.read(buffer)) != -1) {
						if (first && entry.getName().equals("mimetype")) {
							contents.openDocumentType(
									new String(buffer, 0, Math.min(read, 100), StandardCharsets.US_ASCII).trim());
						}
						first = false;
						unpacked += read;
						if (unpacked > maxUnpackedSize) {
							throw new EvidenceRejectedException(EvidenceRejectedException.Reason.UNPACKS_TOO_LARGE,
									fileName, "unpacks past " + maxUnpackedSize + " bytes",
									EvidenceFiles.formatSize(maxUnpackedSize));
						}
					}
				}
			}
			if (contents.macros) {
				throw new EvidenceRejectedException(EvidenceRejectedException.Reason.MACROS, fileName,
						"vbaProject.bin or Basic/Scripts entries");
			}
			return contents.type();
		}
		catch (IOException | IllegalArgumentException ex) {
			// IllegalArgumentException: entry names that are not valid in the zip's declared encoding.
			throw new EvidenceRejectedException(EvidenceRejectedException.Reason.DAMAGED, fileName, ex.toString(),
					FileTypes.label(FileTypes.ZIP));
		}
	}

	/** What the entry names reveal. */
	private static final class Contents {

		private boolean openXml;

		private String openXmlType;

		private String openDocumentType;

		private boolean macros;

		void note(String name) {
			String lower = name.toLowerCase(Locale.ROOT);
			if (name.equals("[Content_Types].xml")) {
				openXml = true;
			}
			// The main part's conventional names; Office writes no others.
			else if (name.equals("word/document.xml")) {
				openXmlType = FileTypes.DOCX;
			}
			else if (name.equals("ppt/presentation.xml") && openXmlType == null) {
				openXmlType = FileTypes.PPTX;
			}
			else if (name.equals("xl/workbook.xml") && openXmlType == null) {
				openXmlType = FileTypes.XLSX;
			}
			if (lower.endsWith("vbaproject.bin") || lower.startsWith("basic/") || lower.startsWith("scripts/")) {
				macros = true;
			}
		}

		void openDocumentType(String type) {
			if (type.startsWith("application/vnd.oasis.opendocument.") && type.matches("[a-z0-9./+-]+")) {
				openDocumentType = type;
			}
		}

		String type() {
			if (openXml) {
				return openXmlType == null ? FileTypes.OOXML_UNKNOWN : openXmlType;
			}
			return openDocumentType == null ? FileTypes.ZIP : openDocumentType;
		}
	}
}
