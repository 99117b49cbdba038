package org.proofwork.credential;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import org.proofwork.submission.SubmittedVersion;
import org.proofwork.submission.Workspaces;
import org.proofwork.system.ProofworkProperties;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The evidence record a registrar files: a printable PDF of the credential, the earner, the dates, each rubric
 * component's level, who assessed it (by role: reviews are blind), the version history, and the verification link
 * with a QR code. Rendered on the server from the {@code credential/record} template (XHTML) with openhtmltopdf,
 * with the Liberation Sans font PDFBox ships, so names in most Latin, Greek and Cyrillic scripts print as typed.
 */
@Service
class EvidenceRecordPdf {

	private static final String TEMPLATE = "credential/record";

	private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

	private final ITemplateEngine templates;

	private final Workspaces workspaces;

	private final ProofworkProperties proofwork;

	EvidenceRecordPdf(ITemplateEngine templates, Workspaces workspaces, ProofworkProperties proofwork) {
		this.templates = templates;
		this.workspaces = workspaces;
		this.proofwork = proofwork;
	}

	/** The versions that led to the credential, the earning one last. */
	record VersionLine(int number, String submittedAt, boolean earned) {
	}

	byte[] render(IssuedCredential credential, Verification.Report report) {
		String verificationUrl = proofwork.url("/credentials/" + credential.id()).toString();
		List<VersionLine> versions = workspaces.versions(credential.course(), credential.workspaceId())
			.stream()
			.filter(version -> version.number() <= credential.workspaceVersion())
			.map(version -> new VersionLine(version.number(), submittedAt(version),
					version.number() == credential.workspaceVersion()))
			.toList();
		Context context = new Context(Locale.ENGLISH);
		context.setVariable("credential", credential);
		context.setVariable("report", report);
		context.setVariable("document", report.document());
		context.setVariable("versions", versions);
		context.setVariable("verificationUrl", verificationUrl);
		context.setVariable("qrCode", QrCode.pngDataUri(verificationUrl, 240));
		context.setVariable("printedAt", Dates.minute(report.checkedAt()));
		String html = templates.process(TEMPLATE, context);
		ByteArrayOutputStream pdf = new ByteArrayOutputStream();
		try {
			PdfRendererBuilder builder = new PdfRendererBuilder();
			builder.useFastMode();
			builder.useFont(EvidenceRecordPdf::font, "Liberation Sans");
			// The one font has no bold cut: headings use it at weight 700 rather than a base-14 font without accents.
			builder.useFont(EvidenceRecordPdf::font, "Liberation Sans", 700, FontStyle.NORMAL, true);
			builder.withProducer("Proofwork");
			builder.withHtmlContent(html, proofwork.baseUrl().toString() + "/");
			builder.toStream(pdf);
			builder.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not render the evidence record of " + credential.id(), ex);
		}
		return pdf.toByteArray();
	}

	/** The record as a download, named after the credential. */
	ResponseEntity<byte[]> response(IssuedCredential credential, Verification.Report report) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_PDF);
		headers.setContentDisposition(ContentDisposition.attachment()
			.filename("evidence-record-" + credential.id() + ".pdf")
			.build());
		headers.setCacheControl("private, no-store");
		return ResponseEntity.ok().headers(headers).body(render(credential, report));
	}

	private static InputStream font() {
		InputStream font = EvidenceRecordPdf.class.getResourceAsStream(FONT);
		if (font == null) {
			throw new IllegalStateException("PDFBox's " + FONT + " is missing from the classpath");
		}
		return font;
	}

	private static String submittedAt(SubmittedVersion version) {
		return Dates.minute(version.submittedAt());
	}
}
