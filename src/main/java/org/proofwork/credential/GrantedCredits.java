package org.proofwork.credential;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.proofwork.credential.CreditRequests.CreditRequest;
import org.proofwork.system.ProofworkProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The registrar's export of granted credit: one line per accepted request, as CSV (for a spreadsheet) or JSON (for a
 * student information system). The same columns either way.
 */
@Component
class GrantedCredits {

	static final List<String> COLUMNS = List.of("request_id", "partner_id", "partner", "earner_name", "earner_email",
			"credential", "credential_id", "verification_url", "credits_granted", "requested_on", "decided_on",
			"decided_by", "note");

	private final CredentialSettings settings;

	private final ProofworkProperties proofwork;

	GrantedCredits(CredentialSettings settings, ProofworkProperties proofwork) {
		this.settings = settings;
		this.proofwork = proofwork;
	}

	List<Map<String, Object>> rows(List<CreditRequest> granted) {
		return granted.stream().map(request -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("request_id", request.id());
			row.put("partner_id", request.partnerId());
			row.put("partner", settings.partner(request.partnerId())
				.map(CredentialSettings.Partner::name)
				.orElse(request.partnerId()));
			row.put("earner_name", request.requesterName());
			row.put("earner_email", request.requesterEmail() == null ? "" : request.requesterEmail());
			row.put("credential", request.credentialTitle());
			row.put("credential_id", request.credentialId());
			row.put("verification_url", proofwork.url("/credentials/" + request.credentialId()).toString());
			row.put("credits_granted", request.creditsGranted().orElseThrow());
			row.put("requested_on", request.requestedOn());
			row.put("decided_on", request.decidedOn());
			row.put("decided_by", request.decidedBy() == null ? "" : request.decidedBy());
			row.put("note", request.decisionNote() == null ? "" : request.decisionNote());
			return row;
		}).toList();
	}

	ResponseEntity<byte[]> csv(List<CreditRequest> granted, String fileName) {
		StringBuilder csv = new StringBuilder();
		csv.append(String.join(",", COLUMNS)).append("\r\n");
		for (Map<String, Object> row : rows(granted)) {
			csv.append(String.join(",", COLUMNS.stream().map(column -> cell(row.get(column))).toList())).append("\r\n");
		}
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header("Content-Disposition", ContentDisposition.attachment().filename(fileName).build().toString())
			.cacheControl(CacheControl.noStore())
			.body(csv.toString().getBytes(StandardCharsets.UTF_8));
	}

	ResponseEntity<List<Map<String, Object>>> json(List<CreditRequest> granted) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(rows(granted));
	}

	/**
	 * RFC 4180 quoting; and a value a spreadsheet would run as a formula (starting with {@code = + - @}) is prefixed
	 * with an apostrophe, since names and notes are typed by people outside the registrar's office.
	 */
	static String cell(Object value) {
		String text;
		if (value instanceof BigDecimal number) {
			text = number.stripTrailingZeros().toPlainString();
		}
		else {
			text = value == null ? "" : value.toString();
			if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
				text = "'" + text;
			}
		}
		if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
			text = "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}
}
