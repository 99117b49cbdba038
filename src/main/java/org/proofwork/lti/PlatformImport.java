package org.proofwork.lti;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers platforms from a JSON file, for automation: at start-up from {@code proofwork.lti.import-file}, or
 * uploaded on the admin page. Every entry is checked before any is stored, and all are stored in one transaction.
 */
@Service
class PlatformImport implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(PlatformImport.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final PlatformRegistry registry;

	private final TransactionTemplate transactions;

	private final LtiSettings settings;

	PlatformImport(PlatformRegistry registry, TransactionTemplate transactions, LtiSettings settings) {
		this.registry = registry;
		this.transactions = transactions;
		this.settings = settings;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (settings.importFile() == null) {
			return;
		}
		try {
			int count = importJson(Files.readString(settings.importFile()));
			log.info("Imported {} platform(s) from {}", count, settings.importFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read proofwork.lti.import-file " + settings.importFile(), ex);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(settings.importFile() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * @return how many platforms were registered or updated
	 * @throws IllegalArgumentException naming the entry and what is wrong; then nothing was stored
	 */
	int importJson(String text) {
		List<PlatformDetails> platforms = parse(text);
		transactions.executeWithoutResult(status -> platforms
			.forEach(details -> registry.register(details, Platform.Source.IMPORT)));
		return platforms.size();
	}

	static List<PlatformDetails> parse(String text) {
		JsonNode root;
		try {
			root = json.readTree(text);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("not valid JSON: " + ex.getOriginalMessage());
		}
		JsonNode entries = root.path("platforms");
		if (!entries.isArray() || entries.isEmpty()) {
			throw new IllegalArgumentException("expected {\"platforms\": [ ... ]} with at least one platform");
		}
		List<PlatformDetails> platforms = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			JsonNode entry = entries.get(i);
			try {
				platforms.add(new PlatformDetails(text(entry, "name"), text(entry, "issuer"), text(entry, "clientId"),
						uri(entry, "authorizationEndpoint"), uri(entry, "tokenEndpoint"), uri(entry, "jwksUri"),
						new LinkedHashSet<>(list(entry, "deploymentIds")), list(entry, "frameOrigins")));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("platform " + (i + 1) + ": " + ex.getMessage());
			}
		}
		return platforms;
	}

	private static String text(JsonNode entry, String field) {
		JsonNode value = entry.get(field);
		return value == null || value.isNull() ? null : value.asString();
	}

	private static URI uri(JsonNode entry, String field) {
		String value = text(entry, field);
		try {
			return value == null ? null : URI.create(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(field + " is not a URL: " + value);
		}
	}

	private static List<String> list(JsonNode entry, String field) {
		List<String> values = new ArrayList<>();
		entry.path(field).forEach(value -> values.add(value.asString()));
		return values;
	}
}
