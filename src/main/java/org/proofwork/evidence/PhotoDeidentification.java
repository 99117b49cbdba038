package org.proofwork.evidence;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a photo safe to keep: reads what Proofwork needs from its EXIF (the date it was taken, which way up it is),
 * then decodes the pixels and writes a fresh image of the same format with no metadata at all, so GPS position,
 * camera, owner name, embedded previews, XMP and comments cannot survive, however the original hid them. The
 * orientation is applied to the pixels, since the tag that carried it is gone. The thumbnail is made from the same
 * decoded pixels, once.
 */
final class PhotoDeidentification {

	private static final Logger log = LoggerFactory.getLogger(PhotoDeidentification.class);

	private static final DateTimeFormatter EXIF_DATE_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

	private static final float PHOTO_QUALITY = 0.92f;

	private static final float THUMBNAIL_QUALITY = 0.8f;

	static {
		// In the packaged application ImageIO may first be used before the plugins on the class path are seen.
		ImageIO.scanForPlugins();
	}

	/**
	 * A decoded photo takes 3 to 4 bytes of heap per pixel, twice that while it is turned upright; two at a time
	 * bound that for any number of simultaneous uploads (the rest wait their turn).
	 */
	private final Semaphore decoding = new Semaphore(2, true);

	private final StagingArea staging;

	private final long maxPixels;

	private final int thumbnailSize;

	PhotoDeidentification(StagingArea staging, long maxPixels, int thumbnailSize) {
		this.staging = staging;
		this.maxPixels = maxPixels;
		this.thumbnailSize = thumbnailSize;
	}

	/**
	 * Writes the de-identified photo and its thumbnail to new staging files (the caller discards them, and the
	 * original).
	 *
	 * @param mediaType {@code image/jpeg} or {@code image/png}, as the bytes showed; the photo keeps its format
	 * @throws EvidenceRejectedException if it has too many pixels or cannot be decoded
	 */
	DeidentifiedPhoto deidentify(Path original, String mediaType, String fileName) throws IOException {
		Exif exif = readExif(original, fileName);
		try {
			decoding.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted waiting to decode " + fileName);
		}
		Path photo = null;
		Path thumbnail = null;
		try {
			BufferedImage upright = upright(decode(original, mediaType, fileName), exif.orientation());
			photo = staging.newFile();
			write(upright, mediaType, PHOTO_QUALITY, photo);
			thumbnail = staging.newFile();
			write(thumbnail(upright), FileTypes.JPEG, THUMBNAIL_QUALITY, thumbnail);
			return new DeidentifiedPhoto(photo, staging.hash(photo), thumbnail, staging.hash(thumbnail),
					upright.getWidth(), upright.getHeight(), exif.takenAt());
		}
		catch (IOException | RuntimeException ex) {
			staging.discard(photo);
			staging.discard(thumbnail);
			throw ex;
		}
		finally {
			decoding.release();
		}
	}

	private static Exif readExif(Path original, String fileName) {
		Metadata metadata;
		try {
			metadata = ImageMetadataReader.readMetadata(original.toFile());
		}
		catch (ImageProcessingException | IOException | RuntimeException ex) {
			// Broken metadata is not a broken picture: the pixels decide (and the metadata goes anyway).
			log.debug("No readable metadata in {}: {}", fileName, ex.toString());
			return new Exif(1, Optional.empty());
		}
		int orientation = 1;
		ExifIFD0Directory main = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
		if (main != null && main.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
			try {
				int value = main.getInt(ExifIFD0Directory.TAG_ORIENTATION);
				orientation = value >= 1 && value <= 8 ? value : 1;
			}
			catch (MetadataException ex) {
				log.debug("Unreadable orientation in {}: {}", fileName, ex.toString());
			}
		}
		Optional<LocalDateTime> takenAt = Optional.empty();
		for (ExifSubIFDDirectory exif : metadata.getDirectoriesOfType(ExifSubIFDDirectory.class)) {
			String text = exif.getString(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL);
			if (text != null && takenAt.isEmpty()) {
				takenAt = parseExifDate(text);
			}
		}
		return new Exif(orientation, takenAt);
	}

	/** EXIF dates look like {@code 2026:09:07 14:30:00}; cameras without a clock write blanks or zeros. */
	static Optional<LocalDateTime> parseExifDate(String text) {
		String trimmed = text.trim();
		if (trimmed.length() < 19) {
			return Optional.empty();
		}
		try {
			return Optional.of(LocalDateTime.parse(trimmed.substring(0, 19), EXIF_DATE_TIME));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	private BufferedImage decode(Path original, String mediaType, String fileName) throws IOException {
		Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(mediaType);
		if (!readers.hasNext()) {
			throw new IllegalStateException("no ImageIO reader for " + mediaType);
		}
		ImageReader reader = readers.next();
		try (ImageInputStream input = ImageIO.createImageInputStream(original.toFile())) {
			reader.setInput(input, true, true);
			int width = reader.getWidth(0);
			int height = reader.getHeight(0);
			// Checked before decoding: a small file can declare a picture that would fill the heap.
			if ((long) width * height > maxPixels) {
				throw new EvidenceRejectedException(EvidenceRejectedException.Reason.TOO_MANY_PIXELS, fileName,
						width + "x" + height, width, height, maxPixels / 1_000_000);
			}
			return reader.read(0);
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof EvidenceRejectedException rejected) {
				throw rejected;
			}
			throw new EvidenceRejectedException(EvidenceRejectedException.Reason.DAMAGED, fileName, ex.toString(),
					FileTypes.label(mediaType));
		}
		finally {
			reader.dispose();
		}
	}

	/** The pixels turned as EXIF orientation 1 to 8 says the camera meant them to be seen. */
	static BufferedImage upright(BufferedImage image, int orientation) {
		int w = image.getWidth();
		int h = image.getHeight();
		AffineTransform transform = switch (orientation) {
			case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
			case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
			case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
			case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
			case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
			case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
			case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
			default -> null;
		};
		if (transform == null) {
			return image;
		}
		boolean turned = orientation >= 5;
		BufferedImage result = new BufferedImage(turned ? h : w, turned ? w : h, drawableType(image));
		Graphics2D g = result.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
			g.drawImage(image, transform, null);
		}
		finally {
			g.dispose();
		}
		return result;
	}

	private static int drawableType(BufferedImage image) {
		return switch (image.getType()) {
			case BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB,
					BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_BYTE_GRAY ->
				image.getType();
			default -> image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
		};
	}

	private BufferedImage thumbnail(BufferedImage image) {
		double scale = Math.min(1.0, (double) thumbnailSize / Math.max(image.getWidth(), image.getHeight()));
		int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
		int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
		BufferedImage current = image;
		// Halving step by step keeps detail a single bilinear jump from 4000 to 320 pixels would alias away.
		while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
			current = scaled(current, current.getWidth() / 2, current.getHeight() / 2);
		}
		return scaled(current, width, height);
	}

	/** Drawn on white into plain RGB, which every JPEG viewer shows the same (no alpha, no odd colour model). */
	private static BufferedImage scaled(BufferedImage image, int width, int height) {
		BufferedImage result = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = result.createGraphics();
		try {
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, width, height);
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			g.drawImage(image, 0, 0, width, height, null);
		}
		finally {
			g.dispose();
		}
		return result;
	}

	/** A fresh file with pixels only: no metadata object is passed, so the writer has none to copy. */
	private static void write(BufferedImage image, String mediaType, float quality, Path target) throws IOException {
		BufferedImage pixels = image;
		if (mediaType.equals(FileTypes.JPEG) && image.getColorModel().hasAlpha()) {
			pixels = scaled(image, image.getWidth(), image.getHeight());
		}
		Iterator<ImageWriter> writers = ImageIO.getImageWritersByMIMEType(mediaType);
		if (!writers.hasNext()) {
			throw new IllegalStateException("no ImageIO writer for " + mediaType);
		}
		ImageWriter writer = writers.next();
		try (ImageOutputStream output = new FileImageOutputStream(target.toFile())) {
			writer.setOutput(output);
			ImageWriteParam parameters = writer.getDefaultWriteParam();
			if (mediaType.equals(FileTypes.JPEG)) {
				parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
				parameters.setCompressionQuality(quality);
			}
			writer.write(null, new IIOImage(pixels, null, null), parameters);
		}
		finally {
			writer.dispose();
		}
	}

	private record Exif(int orientation, Optional<LocalDateTime> takenAt) {
	}

	/**
	 * A photo ready to store.
	 *
	 * @param photo the staging file of the re-encoded photo
	 * @param photoBlob its hash and size
	 * @param thumbnail the staging file of the thumbnail (JPEG)
	 * @param thumbnailBlob its hash and size
	 * @param width the width as displayed
	 * @param height the height as displayed
	 * @param takenAt EXIF {@code DateTimeOriginal} of the original
	 */
	record DeidentifiedPhoto(Path photo, StoredBlob photoBlob, Path thumbnail, StoredBlob thumbnailBlob, int width,
			int height, Optional<LocalDateTime> takenAt) {
	}
}
