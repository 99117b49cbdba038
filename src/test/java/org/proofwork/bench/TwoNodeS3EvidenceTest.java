package org.proofwork.bench;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import org.proofwork.evidence.S3Mock;
import org.proofwork.lti.Platform;
import org.proofwork.lti.PlatformRegistry;
import org.proofwork.testing.MariaDb;
import org.proofwork.testing.RequiresMariaDb;
import org.proofwork.testing.TestPlatform;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes behind a load balancer, one MariaDB database, one S3-compatible bucket (S3Mock), as docs/SCALING.md
 * deploys them: an educator uploads a photo through node A; node B serves the workspace, the photo and its thumbnail
 * byte for byte as stored in the bucket; the educator submits through node B and an assessor reviews on node B with
 * the photo's thumbnail on the page. Node A's disk keeps nothing of it: its staging folder is empty.
 */
@RequiresMariaDb
class TwoNodeS3EvidenceTest {

	static final String DATABASE = "proofwork_review_two_node_bucket";

	static final String BASE = "http://localhost:8080";

	static final String CREDENTIAL = "community-partnerships-for-learning-and-family-well-being";

	static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]*)\"");

	final MysqlNodes nodes = new MysqlNodes(DATABASE);

	/** A key prefix of this run's own: the bucket is shared with the other S3 tests of the JVM. */
	final String keyPrefix = "two-node-" + UUID.randomUUID() + "/";

	final Path data = Path.of("target", "two-node-s3", UUID.randomUUID().toString());

	final TestPlatform lms = new TestPlatform(Clock.systemUTC());

	ConfigurableApplicationContext nodeA;

	ConfigurableApplicationContext nodeB;

	S3Client s3;

	@AfterEach
	void stop() {
		nodes.close();
		if (s3 != null) {
			s3.close();
		}
		lms.close();
	}

	@Test
	void aPhotoUploadedOnNodeAIsServedAndReviewedOnNodeBFromTheBucket() throws Exception {
		MariaDb.recreate(DATABASE);
		S3Mock bucket = S3Mock.start();
		s3 = bucket.client();
		nodeA = start("a", bucket);
		nodeB = start("b", bucket);
		nodeA.getBean(PlatformRegistry.class).register(lms.details(), Platform.Source.IMPORT);
		JdbcClient jdbc = nodeB.getBean(JdbcClient.class);

		// The educator launches on A and uploads a photo through A, as the workspace page's uploader does.
		BenchBrowser educator = new BenchBrowser();
		String workspace = launch(educator, nodeA, nodeA, "s3-educator", "Learner");
		assertThat(workspace).endsWith("/workspace");
		String section = workspace + "/sections/photo-essay";
		byte[] original = photo();
		HttpResponse<String> upload = educator.put(url(nodeA, section + "/files?slot=image&group=photos&item=new&name=kickoff.jpg"),
				original, Map.of("X-CSRF-TOKEN", csrf(educator.get(url(nodeA, section)).body()), "Accept",
						"application/json", "Content-Type", "application/octet-stream"));
		assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
		String fileId = upload.body().replaceAll(".*\"files\":\\[\"([^\"]+)\".*", "$1");
		Map<String, Object> row = jdbc.sql("SELECT sha256, thumbnail_sha256 FROM evidence_file WHERE id = :id")
			.param("id", fileId)
			.query()
			.singleRow();
		String sha256 = (String) row.get("sha256");
		String thumbnailSha256 = (String) row.get("thumbnail_sha256");
		assertThat(thumbnailSha256).isNotNull();

		// Node B serves the workspace, the photo and the thumbnail: the bytes in the bucket, as node A serves them.
		byte[] photoInBucket = object(sha256);
		byte[] thumbnailInBucket = object(thumbnailSha256);
		assertThat(sha256(photoInBucket)).isEqualTo(sha256);
		assertThat(photoInBucket).as("stored without its metadata, so not the uploaded bytes").isNotEqualTo(original);
		HttpResponse<String> sectionOnB = educator.get(url(nodeB, section));
		assertThat(sectionOnB.statusCode()).isEqualTo(200);
		assertThat(sectionOnB.body()).contains("/files/" + fileId + "?thumbnail=true");
		String file = workspace + "/files/" + fileId;
		assertThat(served(educator, nodeB, file + "?inline=true")).isEqualTo(photoInBucket)
			.isEqualTo(served(educator, nodeA, file + "?inline=true"));
		assertThat(served(educator, nodeB, file + "?thumbnail=true")).isEqualTo(thumbnailInBucket)
			.isEqualTo(served(educator, nodeA, file + "?thumbnail=true"));
		BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(thumbnailInBucket));
		assertThat(Math.max(thumbnail.getWidth(), thumbnail.getHeight())).isLessThanOrEqualTo(320);

		// Node A keeps nothing: no evidence folder of blobs, and its staging folder is empty.
		assertThat(filesUnder(data.resolve("a"))).as("files on node A's disk").isEmpty();
		assertThat(filesUnder(data.resolve("b"))).as("files on node B's disk").isEmpty();

		// The educator submits through B; an assessor reviews on B and the page shows the photo's thumbnail.
		String submitPage = educator.get(url(nodeB, workspace + "/submit")).body();
		long revision = jdbc.sql("SELECT draft_revision FROM workspace WHERE owner_subject = 's3-educator'")
			.query(Long.class)
			.single();
		assertThat(educator.post(url(nodeB, workspace + "/submit"), Map.of("_csrf", csrf(submitPage), "revision",
				String.valueOf(revision), "confirm", "true")).statusCode()).isEqualTo(302);
		String workspaceId = jdbc.sql("SELECT id FROM workspace WHERE owner_subject = 's3-educator'")
			.query(String.class)
			.single();
		BenchBrowser assessor = new BenchBrowser();
		String queue = launch(assessor, nodeB, nodeB, "s3-assessor", "Instructor");
		assertThat(queue).endsWith("/review");
		HttpResponse<String> review = assessor.get(url(nodeB, queue + "/" + workspaceId));
		assertThat(review.statusCode()).isEqualTo(200);
		String reviewed = queue + "/" + workspaceId + "/files/" + fileId;
		assertThat(review.body()).contains(reviewed + "?thumbnail=true");
		assertThat(served(assessor, nodeB, reviewed + "?thumbnail=true")).isEqualTo(thumbnailInBucket);
		assertThat(served(assessor, nodeB, reviewed + "?inline=true")).isEqualTo(photoInBucket);
		assertThat(filesUnder(data.resolve("a"))).as("files on node A's disk at the end").isEmpty();
	}

	private byte[] object(String sha256) {
		ResponseBytes<GetObjectResponse> bytes = s3
			.getObjectAsBytes(request -> request.bucket(S3Mock.BUCKET).key(keyPrefix + sha256));
		return bytes.asByteArray();
	}

	private static byte[] served(BenchBrowser browser, ConfigurableApplicationContext node, String path)
			throws Exception {
		HttpResponse<byte[]> response = browser.bytes(url(node, path));
		assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).contains("image/jpeg");
		return response.body();
	}

	/** A complete LTI launch: login started on one node, the id_token posted to the other; the landing page's path. */
	private String launch(BenchBrowser browser, ConfigurableApplicationContext loginNode,
			ConfigurableApplicationContext launchNode, String subject, String role) throws Exception {
		String target = BASE + "/lti/launch";
		HttpResponse<String> login = browser.get(url(loginNode, "/lti/login?" + BenchBrowser.form(Map.of("iss",
				lms.issuer, "login_hint", subject, "target_link_uri", target, "client_id", TestPlatform.CLIENT_ID))));
		assertThat(login.statusCode()).isEqualTo(302);
		HttpResponse<String> continued = browser.get(url(loginNode, login.headers().firstValue("Location").orElseThrow()));
		assertThat(continued.statusCode()).isEqualTo(302);
		String auth = continued.headers().firstValue("Location").orElseThrow();
		String token = lms.sign(lms.claims(BenchBrowser.query(auth, "nonce"), target, role)
			.subject(subject)
			.claim("name", "Person " + subject)
			.claim("https://purl.imsglobal.org/spec/lti/claim/custom", Map.of("credential", CREDENTIAL))
			.build());
		HttpResponse<String> launched = browser.post(url(launchNode, "/lti/launch"),
				Map.of("id_token", token, "state", BenchBrowser.query(auth, "state")));
		assertThat(launched.statusCode()).as("launch").isEqualTo(302);
		String next = launched.headers().firstValue("Location").orElseThrow();
		for (int hop = 0; hop < 5; hop++) {
			HttpResponse<String> page = browser.get(url(launchNode, next));
			if (page.statusCode() == 200) {
				return URI.create(next).getPath();
			}
			assertThat(page.statusCode() / 100).as("page %s", next).isEqualTo(3);
			next = page.headers().firstValue("Location").orElseThrow();
		}
		throw new AssertionError("too many redirects");
	}

	private static String csrf(String html) {
		Matcher matcher = CSRF.matcher(html);
		assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
		return matcher.group(1);
	}

	/** {@code path} (absolute at the public base URL, or a path) on this node, as the load balancer would route it. */
	private static String url(ConfigurableApplicationContext node, String path) {
		URI uri = URI.create(path);
		String local = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
		return "http://localhost:" + ((WebServerApplicationContext) node).getWebServer().getPort() + local;
	}

	private static List<Path> filesUnder(Path root) throws IOException {
		if (!Files.exists(root)) {
			return List.of();
		}
		try (Stream<Path> paths = Files.walk(root)) {
			return paths.filter(Files::isRegularFile).toList();
		}
	}

	/** A photo no other test stores (random pixels in a corner), 1600x1200 like a phone's. */
	private static byte[] photo() throws IOException {
		BufferedImage image = new BufferedImage(1600, 1200, BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < 1600; x += 4) {
			for (int y = 0; y < 1200; y += 4) {
				image.setRGB(x, y, new Color(x % 256, y % 256, 128).getRGB());
			}
		}
		for (int i = 0; i < 64; i++) {
			image.setRGB(i, 0, ThreadLocalRandom.current().nextInt(0xffffff));
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ImageIO.write(image, "jpg", bytes);
		return bytes.toByteArray();
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

	private ConfigurableApplicationContext start(String name, S3Mock bucket) {
		return nodes.start(data.resolve(name).toString(), "--proofwork.evidence.store=s3",
					"--proofwork.evidence.s3.bucket=" + S3Mock.BUCKET,
					"--proofwork.evidence.s3.endpoint=" + bucket.endpoint(),
					"--proofwork.evidence.s3.path-style-access=true", "--proofwork.evidence.s3.access-key-id=test",
					"--proofwork.evidence.s3.secret-access-key=test",
					"--proofwork.evidence.s3.key-prefix=" + keyPrefix);
	}
}
