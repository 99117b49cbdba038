package org.proofwork.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.stereotype.Service;

/**
 * Every credential Proofwork offers, read and validated once at start-up: a broken data file stops start-up with an
 * {@link InvalidCredentialDefinitionException} naming the file, the line and what is wrong.
 */
@Service
public class CredentialCatalog {

	private static final Logger log = LoggerFactory.getLogger(CredentialCatalog.class);

	private final List<CredentialDefinition> definitions;

	private final Map<String, CredentialDefinition> byId;

	@Autowired
	CredentialCatalog(CatalogSettings settings, ResourceLoader resourceLoader) {
		List<CredentialDefinition> loaded = CredentialDefinitions.load(
				ResourcePatternUtils.getResourcePatternResolver(resourceLoader), CredentialDefinitions.BUILT_IN_FOLDER,
				settings.externalFolderIfSet());
		this.definitions = loaded.stream()
			.sorted(Comparator.comparing(CredentialDefinition::title, String.CASE_INSENSITIVE_ORDER))
			.toList();
		this.byId = loaded.stream()
			.collect(Collectors.toUnmodifiableMap(CredentialDefinition::id, Function.identity()));
		log.info("Credential catalog: {}", byId.keySet().stream().sorted().toList());
	}

	/** Every credential, sorted by title. */
	public List<CredentialDefinition> all() {
		return definitions;
	}

	/** The credential with this id (its data file's name without extension). */
	public Optional<CredentialDefinition> find(String id) {
		return Optional.ofNullable(byId.get(id));
	}
}
