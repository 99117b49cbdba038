package org.proofwork.catalog;

import java.nio.file.Path;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where credential definitions come from besides those built into the tool.
 *
 * @param externalFolder a folder of further credential definitions, read at start-up besides the built-in ones:
 * every {@code *.yaml} file in it (not in subfolders), with the same schema, the file name being the credential's id.
 * A file whose id is already taken, by a built-in credential or another file, stops start-up rather than replacing
 * it. None by default.
 */
@ConfigurationProperties("proofwork.catalog")
record CatalogSettings(Path externalFolder) {

	Optional<Path> externalFolderIfSet() {
		return Optional.ofNullable(externalFolder);
	}
}
