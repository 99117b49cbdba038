package org.proofwork.evidence;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Large camera-like JPEGs for the photo essay benchmark: 4000 x 3000 pixels of a colour gradient with noise, as much
 * noise as it takes for the file to reach the wanted size (noise compresses badly, as a sharp, busy phone photo
 * does), each with different pixels (so neither the upload nor its re-encoded copy is deduplicated by content) and
 * with the EXIF segment (date taken, GPS) of one of the fixture photos. Made once and kept under {@code target/}
 * for the next run with the same count and size.
 */
final class BenchPhotos {

	static final int WIDTH = 4000;

	static final int HEIGHT = 3000;

	private static final float QUALITY = 0.95f;

	private static final Path FIXTURES = Path.of("/work/shared/fixtures/photo-essay");

	private BenchPhotos() {
	}

	/** The photos {@code photo-0000.jpg...} in {@code folder}, made now unless a run with the same spec left them. */
	static List<Path> prepare(Path folder, int count, int megabytes) throws Exception {
		Path spec = folder.resolve("spec.txt");
		String wanted = count + " photos of about " + megabytes + " MB, " + WIDTH + "x" + HEIGHT + " q" + QUALITY;
		List<Path> photos = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			photos.add(folder.resolve(String.format(Locale.ROOT, "photo-%04d.jpg", i)));
		}
		if (Files.isRegularFile(spec) && Files.readString(spec).startsWith(wanted)
				&& photos.stream().allMatch(Files::isRegularFile)) {
			return photos;
		}
		delete(folder);
		Files.createDirectories(folder);
		List<byte[]> exif = exifSegments();
		int amplitude = calibrate(megabytes * (1L << 20), exif.get(0));
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int index = i;
				done.add(pool.submit(() -> {
					Files.write(photos.get(index), jpeg(index + 1, amplitude, exif.get(index % exif.size())));
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			pool.shutdown();
		}
		Files.writeString(spec, wanted + "\nnoise amplitude " + amplitude + "\n");
		return photos;
	}

	static void delete(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return;
		}
		try (var files = Files.walk(folder)) {
			for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
	}

	/** The noise amplitude (0 to 128) whose photo is closest to {@code bytes}, by bisection. */
	private static int calibrate(long bytes, byte[] exif) throws IOException {
		int low = 0;
		int high = 128;
		while (high - low > 1) {
			int middle = (low + high) / 2;
			if (jpeg(0, middle, exif).length < bytes) {
				low = middle;
			}
			else {
				high = middle;
			}
		}
		return high;
	}

	/** The APP1 Exif segments (marker and length included) of the fixture photos; none if they are not there. */
	private static List<byte[]> exifSegments() throws IOException {
		List<byte[]> segments = new ArrayList<>();
		if (Files.isDirectory(FIXTURES)) {
			try (var files = Files.list(FIXTURES)) {
				for (Path fixture : files.filter(f -> f.toString().endsWith(".jpg")).sorted().toList()) {
					byte[] segment = exifSegment(Files.readAllBytes(fixture));
					if (segment != null) {
						segments.add(segment);
					}
				}
			}
		}
		if (segments.isEmpty()) {
			segments.add(new byte[0]);
		}
		return segments;
	}

	private static byte[] exifSegment(byte[] jpeg) {
		int i = 2;
		while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) != 0xda) {
			int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
			if ((jpeg[i + 1] & 0xff) == 0xe1 && new String(jpeg, i + 4, 4, java.nio.charset.StandardCharsets.US_ASCII)
				.equals("Exif")) {
				return java.util.Arrays.copyOfRange(jpeg, i, i + 2 + length);
			}
			i += 2 + length;
		}
		return null;
	}

	/** A gradient with noise of +-amplitude from a generator seeded by {@code seed}, encoded, with the EXIF segment. */
	static byte[] jpeg(long seed, int amplitude, byte[] exif) {
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
		byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
		long state = seed * 0x9E3779B97F4A7C15L + 1;
		int i = 0;
		for (int y = 0; y < HEIGHT; y++) {
			for (int x = 0; x < WIDTH; x++) {
				state ^= state << 13;
				state ^= state >>> 7;
				state ^= state << 17;
				int base = (x * 255 / WIDTH + y * 255 / HEIGHT) / 2;
				pixels[i++] = (byte) clamp(base + noise(state, amplitude));
				pixels[i++] = (byte) clamp(255 - base + noise(state >>> 16, amplitude));
				pixels[i++] = (byte) clamp(x * 255 / WIDTH + noise(state >>> 32, amplitude));
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(16 << 20);
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(out)) {
			writer.setOutput(output);
			ImageWriteParam parameters = writer.getDefaultWriteParam();
			parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
			parameters.setCompressionQuality(QUALITY);
			writer.write(null, new IIOImage(image, null, null), parameters);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
		byte[] plain = out.toByteArray();
		// After SOI and the JFIF APP0 segment, as cameras that write both put it.
		int app0End = 2;
		if ((plain[2] & 0xff) == 0xff && (plain[3] & 0xff) == 0xe0) {
			app0End = 4 + (((plain[4] & 0xff) << 8) | (plain[5] & 0xff));
		}
		byte[] result = new byte[plain.length + exif.length];
		System.arraycopy(plain, 0, result, 0, app0End);
		System.arraycopy(exif, 0, result, app0End, exif.length);
		System.arraycopy(plain, app0End, result, app0End + exif.length, plain.length - app0End);
		return result;
	}

	private static int noise(long random, int amplitude) {
		return amplitude == 0 ? 0 : (int) ((random & 0xffff) % (2 * amplitude + 1)) - amplitude;
	}

	private static int clamp(int value) {
		return Math.max(0, Math.min(255, value));
	}
}
