package org.proofwork.evidence;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import org.junit.jupiter.api.Test;

import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import static org.assertj.core.api.Assertions.assertThat;

/** Photos are kept without their metadata, upright, with a thumbnail made once. */
class PhotoDeidentificationTest extends EvidenceTestBase {

	@Test
	void storesEveryEssayPhotoWithoutGpsCameraOrOwnerButReturnsTheDateTaken() throws Exception {
		EvidenceOwner owner = newOwner();
		for (Samples.Photo photo : Samples.photoEssay()) {
			Metadata original = metadata(photo.bytes());
			assertThat(original.getFirstDirectoryOfType(GpsDirectory.class)).as("fixture has GPS").isNotNull();

			EvidenceFile file = upload(owner, PHOTO_OR_PDF, photo.name(), photo.bytes());

			assertThat(file.takenAt()).contains(photo.takenAt());
			assertThat(file.kind()).isEqualTo(EvidenceKind.PHOTO);
			assertThat(file.mediaType()).isEqualTo("image/jpeg");
			assertThat(file.width()).isEqualTo(1600);
			assertThat(file.height()).isEqualTo(1200);
			byte[] stored = stored(file.sha256());
			Metadata kept = metadata(stored);
			assertThat(kept.getFirstDirectoryOfType(GpsDirectory.class)).as("GPS in %s", photo.name()).isNull();
			assertThat(kept.getFirstDirectoryOfType(ExifIFD0Directory.class)).as("camera, artist").isNull();
			assertThat(kept.getFirstDirectoryOfType(ExifSubIFDDirectory.class)).as("dates").isNull();
			assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(Samples.ARTIST)
				.doesNotContain("FixtureCam")
				.doesNotContain("Exif");
		}
		assertThat(files.list(owner)).hasSize(12)
			.extracting(EvidenceFile::takenOn)
			.allSatisfy(date -> assertThat(date).isPresent());
	}

	@Test
	void turnsAPhotoUprightAsItsOrientationTagSaid() throws IOException {
		// Stored 200x100, left red and right blue; orientation 6 means "rotate 90 degrees clockwise to view".
		byte[] sideways = Samples.jpegWithExif(200, 100, 6, LocalDateTime.of(2026, 9, 7, 9, 0));

		EvidenceFile file = upload(newOwner(), PHOTO_OR_PDF, "sideways.jpg", sideways);

		BufferedImage upright = ImageIO.read(new ByteArrayInputStream(stored(file.sha256())));
		assertThat(upright.getWidth()).isEqualTo(100);
		assertThat(upright.getHeight()).isEqualTo(200);
		assertThat(file.width()).isEqualTo(100);
		assertThat(file.height()).isEqualTo(200);
		assertThat(dominant(upright.getRGB(50, 30))).isEqualTo(Color.RED);
		assertThat(dominant(upright.getRGB(50, 170))).isEqualTo(Color.BLUE);
	}

	@Test
	void makesTheThumbnailOnceAtUpload() {
		EvidenceOwner owner = newOwner();
		byte[] photo = Samples.uniquePhoto(1600, 1200);
		long blobsBefore = snapshot().blobRows();

		EvidenceFile file = upload(owner, PHOTO_OR_PDF, "photo.jpg", photo);

		assertThat(file.hasThumbnail()).isTrue();
		assertThat(snapshot().blobRows()).isEqualTo(blobsBefore + 2);
		List<String> storedFiles = snapshot().files();
		ResponseEntity<StreamingResponseBody> first = files.serve(owner, file.id(), true, true);
		byte[] thumbnail = body(first);
		byte[] again = body(files.serve(owner, file.id(), true, true));
		assertThat(again).isEqualTo(thumbnail);
		assertThat(snapshot().files()).as("serving makes nothing new").isEqualTo(storedFiles);
		assertThat(first.getHeaders().getContentType()).hasToString("image/jpeg");
		BufferedImage image = read(thumbnail);
		assertThat(Math.max(image.getWidth(), image.getHeight())).isEqualTo(320);
		assertThat(image.getWidth()).isEqualTo(320);
		assertThat(image.getHeight()).isEqualTo(240);
	}

	@Test
	void removesTextChunksFromPngs() throws IOException {
		byte[] png = withTextChunk(Samples.png(Samples.halves(64, 32)), "Author", Samples.ARTIST);
		assertThat(new String(png, StandardCharsets.ISO_8859_1)).contains(Samples.ARTIST);

		EvidenceFile file = upload(newOwner(), PHOTO_OR_PDF, "screenshot.png", png);

		assertThat(file.mediaType()).isEqualTo("image/png");
		byte[] stored = stored(file.sha256());
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(Samples.ARTIST).doesNotContain("tEXt");
		assertThat(read(stored).getWidth()).isEqualTo(64);
	}

	@Test
	void refusesAPhotoWithMorePixelsThanAllowedBeforeDecodingIt() {
		// 5 megapixels of one colour: a tiny file that would still take 20 MB of heap to decode.
		byte[] huge = Samples.png(new BufferedImage(2500, 2000, BufferedImage.TYPE_BYTE_GRAY));

		EvidenceRejectedException rejection = refusedLeavingNothing(
				() -> upload(newOwner(), PHOTO_OR_PDF, "panorama.png", huge));

		assertThat(rejection.reason()).isEqualTo(EvidenceRejectedException.Reason.TOO_MANY_PIXELS);
		assertThat(message(rejection))
			.isEqualTo("panorama.png: this photo is 2500 by 2000 pixels, more than the 4 megapixels Proofwork takes.");
	}

	@Test
	void refusesAPhotoThatCannotBeDecoded() {
		byte[] truncated = new byte[600];
		byte[] jpeg = Samples.jpeg(Samples.halves(100, 100));
		System.arraycopy(jpeg, 0, truncated, 0, 20);

		EvidenceRejectedException rejection = refusedLeavingNothing(
				() -> upload(newOwner(), PHOTO_OR_PDF, "broken.jpg", truncated));

		assertThat(rejection.reason()).isEqualTo(EvidenceRejectedException.Reason.DAMAGED);
		assertThat(message(rejection)).isEqualTo("broken.jpg: this file is damaged and cannot be read as a JPEG photo.");
	}

	private static Metadata metadata(byte[] jpeg) throws Exception {
		return ImageMetadataReader.readMetadata(new ByteArrayInputStream(jpeg));
	}

	private static BufferedImage read(byte[] bytes) {
		try {
			return ImageIO.read(new ByteArrayInputStream(bytes));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Color dominant(int rgb) {
		Color color = new Color(rgb);
		if (color.getRed() > 200 && color.getBlue() < 60) {
			return Color.RED;
		}
		if (color.getBlue() > 200 && color.getRed() < 60) {
			return Color.BLUE;
		}
		return color;
	}

	/** Adds a tEXt chunk after IHDR, as screenshot tools and editors do. */
	private static byte[] withTextChunk(byte[] png, String keyword, String text) {
		byte[] data = (keyword + "\0" + text).getBytes(StandardCharsets.ISO_8859_1);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int afterHeader = 8 + 4 + 4 + 13 + 4;
		out.write(png, 0, afterHeader);
		out.write(data.length >>> 24);
		out.write(data.length >>> 16);
		out.write(data.length >>> 8);
		out.write(data.length);
		byte[] type = "tEXt".getBytes(StandardCharsets.ISO_8859_1);
		out.writeBytes(type);
		out.writeBytes(data);
		CRC32 crc = new CRC32();
		crc.update(type);
		crc.update(data);
		long value = crc.getValue();
		out.write((int) (value >>> 24));
		out.write((int) (value >>> 16));
		out.write((int) (value >>> 8));
		out.write((int) value);
		out.write(png, afterHeader, png.length - afterHeader);
		return out.toByteArray();
	}
}
